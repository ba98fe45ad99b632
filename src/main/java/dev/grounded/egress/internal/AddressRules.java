package dev.grounded.egress.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which addresses a tenant's URL must not reach, and the operator's exceptions. Internal means anything but the public
 * internet: loopback, the unspecified address, private and shared (carrier-grade NAT) ranges, link-local (where cloud
 * metadata answers, 169.254.169.254), unique-local IPv6, multicast, documentation and reserved ranges, and IPv6 forms
 * that carry an IPv4 address (IPv4-compatible, NAT64, 6to4) judged by the address they carry.
 */
public final class AddressRules {

    /** An entry of the allow list: a host name, or a range of addresses. */
    private sealed interface Allowed {}

    private record HostName(String name) implements Allowed {}

    private record Range(byte[] network, int prefix) implements Allowed {

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (bytes[full] & mask) == (network[full] & mask);
        }
    }

    private static final List<Range> INTERNAL_V4 = List.of(
            range("0.0.0.0/8"),
            range("10.0.0.0/8"),
            range("100.64.0.0/10"),
            range("127.0.0.0/8"),
            range("169.254.0.0/16"),
            range("172.16.0.0/12"),
            range("192.0.0.0/24"),
            range("192.0.2.0/24"),
            range("192.88.99.0/24"),
            range("192.168.0.0/16"),
            range("198.18.0.0/15"),
            range("198.51.100.0/24"),
            range("203.0.113.0/24"),
            range("224.0.0.0/4"),
            range("240.0.0.0/4"));

    private static final List<Range> INTERNAL_V6 = List.of(
            range("::/128"),
            range("::1/128"),
            range("100::/64"),
            range("2001::/32"),
            range("2001:db8::/32"),
            range("fc00::/7"),
            range("fe80::/10"),
            range("fec0::/10"),
            range("ff00::/8"));

    private final List<Allowed> allowed;

    private AddressRules(List<Allowed> allowed) {
        this.allowed = allowed;
    }

    /**
     * @throws IllegalArgumentException naming an entry that is neither a host name nor an address or range
     */
    public static AddressRules allowing(List<String> entries) {
        return new AddressRules(entries.stream().map(AddressRules::entry).toList());
    }

    /** Whether the operator allowed this host name as such, whatever it resolves to. */
    public boolean allowsHost(String host) {
        String name = bare(host).toLowerCase(Locale.ROOT);
        return allowed.stream().anyMatch(a -> a instanceof HostName(String n) && n.equals(name));
    }

    /** Why the address may not be reached, or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        for (Allowed entry : allowed) {
            if (entry instanceof Range range && range.contains(address)) {
                return Optional.empty();
            }
        }
        return internal(address);
    }

    static Optional<String> internal(InetAddress address) {
        if (address instanceof Inet4Address) {
            return INTERNAL_V4.stream()
                    .filter(r -> r.contains(address))
                    .findFirst()
                    .map(r -> describe(address));
        }
        byte[] bytes = address.getAddress();
        if (isZero(bytes, 0, 12) || prefixed(bytes, 0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0)) {
            // IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach the IPv4 address they carry.
            if (!isZero(bytes, 0, 16) && !(isZero(bytes, 0, 15) && bytes[15] == 1)) {
                return internal(v4(bytes, 12))
                        .map(r -> r + " (inside the IPv6 address " + address.getHostAddress() + ")");
            }
        }
        if ((bytes[0] & 0xff) == 0x20 && (bytes[1] & 0xff) == 0x02) {
            return internal(v4(bytes, 2)).map(r -> r + " (inside the 6to4 address " + address.getHostAddress() + ")");
        }
        return INTERNAL_V6.stream().filter(r -> r.contains(address)).findFirst().map(r -> describe(address));
    }

    private static String describe(InetAddress address) {
        String kind;
        if (address.isLoopbackAddress()) {
            kind = "a loopback address";
        } else if (address.isAnyLocalAddress()) {
            kind = "the unspecified address";
        } else if (address.isLinkLocalAddress()) {
            kind = "a link-local address (where cloud metadata answers)";
        } else if (address.isSiteLocalAddress()
                || address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc) {
            kind = "a private address";
        } else if (address.isMulticastAddress()) {
            kind = "a multicast address";
        } else {
            kind = "an internal or reserved address";
        }
        return address.getHostAddress() + " is " + kind;
    }

    private static Allowed entry(String entry) {
        String value = entry.strip();
        if (value.contains("/") || looksLikeAddress(value)) {
            try {
                return range(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("GROUNDED_EGRESS_ALLOW: " + value
                        + " is neither a host name nor an address or range such as 10.0.0.0/8");
            }
        }
        if (!value.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
            throw new IllegalArgumentException("GROUNDED_EGRESS_ALLOW: " + value
                    + " is neither a host name nor an address or range such as 10.0.0.0/8");
        }
        return new HostName(value.toLowerCase(Locale.ROOT));
    }

    private static boolean looksLikeAddress(String value) {
        return value.contains(":") || value.matches("[0-9.]+");
    }

    private static Range range(String cidr) {
        int slash = cidr.indexOf('/');
        String host = bare(slash < 0 ? cidr : cidr.substring(0, slash));
        if (!host.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException(cidr);
        }
        byte[] network;
        try {
            // A literal address: nothing is looked up.
            network = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
        int prefix = network.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(cidr, e);
            }
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException(cidr);
            }
        }
        return new Range(network, prefix);
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean prefixed(byte[] bytes, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress v4(byte[] bytes, int from) {
        try {
            return InetAddress.getByAddress(
                    new byte[] {bytes[from], bytes[from + 1], bytes[from + 2], bytes[from + 3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
