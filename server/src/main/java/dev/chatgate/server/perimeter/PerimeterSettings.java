package dev.chatgate.server.perimeter;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * {@code chatgate.trusted-proxies}: the addresses (CIDR blocks) of the reverse proxies in front of the service. Only
 * a request that comes from one of them has its {@code X-Forwarded-For} header believed.
 */
@ConfigurationProperties("chatgate")
public record PerimeterSettings(@Nullable List<String> trustedProxies) {

    public PerimeterSettings {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
}
