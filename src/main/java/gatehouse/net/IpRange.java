package gatehouse.net;

import java.net.InetAddress;
import java.util.Optional;

/** One address ({@code 10.0.0.1}) or a CIDR range ({@code 10.0.0.0/8}, {@code fd00::/8}). */
public record IpRange(byte[] network, int prefixBits) {

    /** The range {@code text} spells, or empty when it is none. */
    public static Optional<IpRange> parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        int slash = trimmed.indexOf('/');
        Optional<InetAddress> address = IpAddresses.literal(slash < 0 ? trimmed : trimmed.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = address.get().getAddress();
        int bits = bytes.length * 8;
        if (slash >= 0) {
            String prefix = trimmed.substring(slash + 1);
            if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > bits) {
                return Optional.empty();
            }
            bits = Integer.parseInt(prefix);
        }
        return Optional.of(new IpRange(bytes, bits));
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefixBits; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
