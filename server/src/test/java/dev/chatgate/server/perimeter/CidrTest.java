package dev.chatgate.server.perimeter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrTest {

    @Test
    void anIpv4BlockHoldsTheAddressesOfItsPrefixAndNoOther() {
        Cidr block = Cidr.parse("10.20.0.0/16");

        assertThat(block.contains(Cidr.address("10.20.255.1"))).isTrue();
        assertThat(block.contains(Cidr.address("10.21.0.1"))).isFalse();
        assertThat(block.contains(Cidr.address("::ffff:10.20.0.1"))).as("an IPv4-mapped address is IPv4").isTrue();
        assertThat(block).hasToString("10.20.0.0/16");
    }

    @Test
    void hostBitsAreIgnoredAndABareAddressIsABlockOfOne() {
        assertThat(Cidr.parse("192.168.7.9/24")).isEqualTo(Cidr.parse("192.168.7.0/24"));
        assertThat(Cidr.parse("203.0.113.5").contains(Cidr.address("203.0.113.5"))).isTrue();
        assertThat(Cidr.parse("203.0.113.5").contains(Cidr.address("203.0.113.6"))).isFalse();
    }

    @Test
    void anIpv6BlockNeverHoldsAnIpv4Address() {
        Cidr block = Cidr.parse("2001:db8::/32");

        assertThat(block.contains(Cidr.address("2001:db8:1::7"))).isTrue();
        assertThat(block.contains(Cidr.address("2001:db9::1"))).isFalse();
        assertThat(block.contains(Cidr.address("10.0.0.1"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(Cidr.address("2001:db8::1"))).isFalse();
    }

    @Test
    void whatIsNotABlockIsRefusedWithTheReasonAndNoHostIsLookedUp() {
        assertThatThrownBy(() -> Cidr.parse("tencent.example")).hasMessage("'tencent.example' is not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessage("'10.0.0.0/33' has a prefix length that is not 0 to 32");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> Cidr.parse("")).hasMessage("'' is not an IPv4 or IPv6 address");
        assertThat(Cidr.address("1.2.3.4.5")).isNull();
        assertThat(Cidr.address("unknown")).isNull();
    }
}
