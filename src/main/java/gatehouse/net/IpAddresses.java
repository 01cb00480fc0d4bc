package gatehouse.net;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.Optional;

/**
 * IP address literals, read strictly and never looked up: a text that is not an IPv4 or IPv6 literal is
 * no address at all ({@code InetAddress.getByName} would ask DNS for it instead).
 */
public final class IpAddresses {
    /** The longest IPv6 text form (with an embedded IPv4 part) is 45 characters. */
    public static final int MAX_LENGTH = 45;

    private IpAddresses() {}

    /** The address {@code text} spells, or empty when it is no plain literal (names, ports and zone ids included). */
    public static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (bare.isEmpty() || bare.length() > MAX_LENGTH || bare.indexOf('%') >= 0 || !InetAddresses.isInetAddress(bare)) {
            return Optional.empty();
        }
        return Optional.of(InetAddresses.forString(bare));
    }

    /** The canonical text of an address (RFC 5952 for IPv6): short, and one spelling per address. */
    public static String text(InetAddress address) {
        return InetAddresses.toAddrString(address);
    }
}
