package dev.chatgate.server.perimeter;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;

import java.util.ArrayList;
import java.util.List;

/** {@code chatgate.trusted-proxies} read once, at start-up, where a block that is not one stops the start. */
@Context
public final class TrustedProxies {

    private final List<Cidr> blocks;

    public TrustedProxies(PerimeterSettings settings) {
        List<Cidr> parsed = new ArrayList<>();
        for (int i = 0; i < settings.trustedProxies().size(); i++) {
            try {
                parsed.add(Cidr.parse(settings.trustedProxies().get(i)));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("chatgate.trusted-proxies[" + i + "]: " + e.getMessage());
            }
        }
        blocks = List.copyOf(parsed);
    }

    List<Cidr> blocks() {
        return blocks;
    }
}
