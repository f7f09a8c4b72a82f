package dev.chatgate.server.perimeter;

import java.util.List;

/**
 * Where a request comes from: the connection's peer, or, when that peer is a trusted proxy, the nearest address in
 * {@code X-Forwarded-For} that is not itself a trusted proxy (each proxy appends the address it received from, so
 * the addresses to the left of the last untrusted one may be forged by the client).
 */
final class RequestSource {

    private final List<Cidr> trustedProxies;

    RequestSource(List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /** The source's address bytes; null when the peer is unknown or a forwarded address is not an address. */
    byte[] of(byte[] peer, List<String> forwardedFor) {
        if (peer == null || !trusted(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        String[] hops = String.join(",", forwardedFor).split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            byte[] hop = Cidr.address(hops[i].strip());
            if (hop == null) {
                return null;
            }
            if (!trusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    private boolean trusted(byte[] address) {
        return trustedProxies.stream().anyMatch(block -> block.contains(address));
    }
}
