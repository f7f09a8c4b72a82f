package dev.chatgate.server.perimeter;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A block of addresses, {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a block of one. Only
 * literals: a host name would be looked up, and an allowlist must not depend on DNS.
 */
public record Cidr(byte[] network, int prefix) {

    /** @throws IllegalArgumentException with the reason, for a value that is not a CIDR block */
    public static Cidr parse(String text) {
        String value = text == null ? "" : text.strip();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        byte[] bytes = literal(address);
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = value.substring(slash + 1);
            if (!length.matches("[0-9]{1,3}") || Integer.parseInt(length) > bits) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length that is not 0 to " + bits);
            }
            prefix = Integer.parseInt(length);
        }
        return new Cidr(masked(bytes, prefix), prefix);
    }

    /** The address's bytes, for a literal IPv4 or IPv6 address; null for anything else. */
    public static byte[] address(String text) {
        try {
            return literal(text);
        } catch (IllegalArgumentException notAnAddress) {
            return null;
        }
    }

    public boolean contains(byte[] address) {
        return address != null && address.length == network.length
                && java.util.Arrays.equals(masked(address, prefix), network);
    }

    private static byte[] literal(String address) {
        if (address.isEmpty() || !address.matches("[0-9A-Fa-f:.]+") || !(address.contains(".") || address.contains(":"))) {
            throw new IllegalArgumentException("'" + address + "' is not an IPv4 or IPv6 address");
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + address + "' is not an IPv4 or IPv6 address");
        }
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            out[i] &= (byte) (0xFF << (8 - keep));
        }
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && cidr.prefix == prefix && java.util.Arrays.equals(cidr.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
