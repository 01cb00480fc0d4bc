package gatehouse.metrics;

import gatehouse.net.IpAddresses;
import gatehouse.net.IpRange;
import java.util.List;

/** Client addresses allowed to read the metrics: single addresses or CIDR blocks (127.0.0.1, ::1, 10.0.0.0/8). */
public final class AddressList {
    private final List<IpRange> ranges;

    private AddressList(List<IpRange> ranges) {
        this.ranges = ranges;
    }

    /** @throws IllegalArgumentException naming the entry that is neither an IP address nor a CIDR block */
    public static AddressList parse(List<String> entries) {
        return new AddressList(entries.stream()
                .map(entry -> IpRange.parse(entry).orElseThrow(() -> new IllegalArgumentException(entry)))
                .toList());
    }

    /** True when {@code ip}, an address literal (never a name: nothing is looked up), is in one of the ranges. */
    public boolean allows(String ip) {
        return IpAddresses.literal(ip)
                .map(address -> ranges.stream().anyMatch(range -> range.contains(address)))
                .orElse(false);
    }
}
