package dev.chatgate.core.binding;

import io.micronaut.serde.ObjectMapper;

import java.util.Map;

/**
 * The serde mapper for generated models outside a Micronaut context (CLI, fixtures, tests). It writes empty
 * strings and empty lists (Tencent's {@code "CloudCustomData": ""} must survive a round trip) and drops only
 * nulls; the server configures its own mapper the same way in application.yml.
 */
public final class ModelMapper {

    /** The serde setting that keeps empty values; mirrored in the server's application.yml. */
    public static final Map<String, Object> CONFIGURATION =
            Map.of("micronaut.serde.serialization.inclusion", "NON_NULL");

    private static final class Holder {
        static final ObjectMapper SHARED = ObjectMapper.create(CONFIGURATION);
    }

    private ModelMapper() {
    }

    public static ObjectMapper shared() {
        return Holder.SHARED;
    }
}
