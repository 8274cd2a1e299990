package dev.rill.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** An address range, {@code 10.0.0.0/8} or {@code ::1/128}; a bare address is the range of itself. */
record Cidr(byte[] network, int bits) {

    static Optional<Cidr> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        // Only literals: a name would be looked up in DNS at start-up.
        if (!host.matches("[0-9a-fA-F:.]+")) {
            return Optional.empty();
        }
        try {
            byte[] address = InetAddress.getByName(host).getAddress();
            int bits = address.length * 8;
            if (slash >= 0) {
                String b = text.substring(slash + 1);
                if (!b.matches("\\d{1,3}") || Integer.parseInt(b) > address.length * 8) {
                    return Optional.empty();
                }
                bits = Integer.parseInt(b);
            }
            return Optional.of(new Cidr(address, bits));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((a[i / 8] & mask) != (network[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
