package io.catalogbulk.core.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Whether an address is on the public internet. Everything else (loopback, private ranges, link-local, carrier-grade
 * NAT, multicast, documentation and reserved ranges, and IPv6 forms that embed such an IPv4 address) is where a
 * server-side request forgery would reach: the cluster, the cloud metadata service, the database.
 */
public final class PublicAddresses {

    private PublicAddresses() {
    }

    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b, 0);
        }
        if (address instanceof Inet6Address) {
            return isPublicV6(b);
        }
        return false;
    }

    private static boolean isPublicV6(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if ((first & 0xfe) == 0xfc) {
            return false; // fc00::/7 unique local
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return false; // fec0::/10 site local
        }
        if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return isPublicV4(b, 12); // ::ffff:a.b.c.d
        }
        if (allZero(b, 0, 12)) {
            return false; // ::, ::1 and the deprecated IPv4-compatible form
        }
        if (first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return isPublicV4(b, 12); // 64:ff9b::/96 NAT64
        }
        if (first == 0x20 && second == 0x02) {
            return isPublicV4(b, 2); // 2002::/16 6to4
        }
        if (first == 0x20 && second == 0x01 && b[2] == 0 && b[3] == 0) {
            return false; // 2001::/32 Teredo tunnels to an arbitrary IPv4 address
        }
        if (first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return false; // 2001:db8::/32 documentation
        }
        if (first == 0x01 && second == 0x00 && allZero(b, 2, 8)) {
            return false; // 100::/64 discard
        }
        return true;
    }

    private static boolean isPublicV4(byte[] bytes, int offset) {
        int a = bytes[offset] & 0xff;
        int b = bytes[offset + 1] & 0xff;
        int c = bytes[offset + 2] & 0xff;
        return !(a == 0 || a == 10 || a == 127 || a >= 224
                || (a == 100 && b >= 64 && b <= 127)
                || (a == 169 && b == 254)
                || (a == 172 && b >= 16 && b <= 31)
                || (a == 192 && b == 168)
                || (a == 192 && b == 0 && (c == 0 || c == 2))
                || (a == 192 && b == 88 && c == 99)
                || (a == 198 && (b == 18 || b == 19))
                || (a == 198 && b == 51 && c == 100)
                || (a == 203 && b == 0 && c == 113));
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
