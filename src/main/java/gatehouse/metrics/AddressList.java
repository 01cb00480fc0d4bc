package gatehouse.metrics;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Client addresses allowed to read the metrics: single addresses or CIDR blocks (127.0.0.1, ::1, 10.0.0.0/8). */
public final class AddressList {
    private record Block(byte[] network, int prefix) {}

    private final List<Block> blocks;

    private AddressList(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** @throws IllegalArgumentException naming the entry that is neither an IP address nor a CIDR block */
    public static AddressList parse(List<String> entries) {
        return new AddressList(entries.stream().map(AddressList::block).toList());
    }

    private static Block block(String entry) {
        int slash = entry.indexOf('/');
        byte[] address = literal(slash < 0 ? entry : entry.substring(0, slash), entry);
        int max = address.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException(entry);
            }
        }
        return new Block(address, prefix);
    }

    /** An IP literal only: no name lookups, which would make a configuration value depend on DNS. */
    private static byte[] literal(String text, String entry) {
        boolean ipv4 = text.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
        // Java reads any text with a colon as an IPv6 literal and never looks it up.
        boolean ipv6 = text.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
        if (!ipv4 && !ipv6) {
            throw new IllegalArgumentException(entry);
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(entry);
        }
    }

    public boolean allows(String ip) {
        byte[] address;
        // Jetty may give an IPv6 peer in brackets, with a zone.
        String bare = ip == null ? "" : ip.replaceAll("^\\[|]$", "").replaceFirst("%.*$", "");
        try {
            address = literal(bare, ip);
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
        for (Block block : blocks) {
            if (block.network().length == address.length && samePrefix(block.network(), address, block.prefix())) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePrefix(byte[] a, byte[] b, int bits) {
        int shift = a.length * 8 - bits;
        return new BigInteger(1, a).shiftRight(shift).equals(new BigInteger(1, b).shiftRight(shift));
    }
}
