package dev.chatgate.server.inbox.settings;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code chatgate.inbox.admin-token}: the bearer token of the {@code /inbox} management endpoints; without one
 * they answer 403.
 */
@ConfigurationProperties("chatgate.inbox")
public record AdminSettings(@Nullable String adminToken) {

    public boolean enabled() {
        return adminToken != null && !adminToken.isBlank();
    }
}
