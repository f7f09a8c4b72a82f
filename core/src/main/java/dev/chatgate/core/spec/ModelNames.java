package dev.chatgate.core.spec;

/** How openapi-generator names the class it generates for a component schema. */
public final class ModelNames {

    /** Package of every generated model. */
    public static final String MODEL_PACKAGE = "dev.chatgate.model";

    private ModelNames() {
    }

    /** {@code Group.CallbackAfterSendMsg} becomes {@code GroupCallbackAfterSendMsg}; dots and underscores vanish. */
    public static String simpleClassName(String schemaName) {
        StringBuilder out = new StringBuilder(schemaName.length());
        boolean upper = true;
        for (char c : schemaName.toCharArray()) {
            if (c == '.' || c == '_' || c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    public static String className(String schemaName) {
        return MODEL_PACKAGE + "." + simpleClassName(schemaName);
    }

    /** Loads the generated class for a schema; fails with the schema's name if the build did not generate it. */
    public static Class<?> modelClass(String schemaName) {
        String name = className(schemaName);
        try {
            return Class.forName(name, false, ModelNames.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("No generated model " + name + " for schema " + schemaName
                    + ": the spec and the generated sources are out of step (run the build)", e);
        }
    }
}
