package dev.chatgate.core.validation;

import java.util.List;

/** Every violation found in one payload; empty means valid. */
public record ValidationResult(String command, List<Violation> violations) {

    public ValidationResult {
        violations = List.copyOf(violations);
    }

    public boolean isValid() {
        return violations.isEmpty();
    }

    /** One line per violation, for logs and failure messages. */
    public String describe() {
        if (isValid()) {
            return command + ": valid";
        }
        StringBuilder out = new StringBuilder(command).append(": ").append(violations.size()).append(" violation(s)");
        violations.forEach(v -> out.append("\n  ").append(v));
        return out.toString();
    }
}
