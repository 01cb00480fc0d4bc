package gatehouse.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Device names from user-agent headers, through the ua-parser rules. */
class DeviceNamesTest {
    private final DeviceNames devices = new DeviceNames();

    @Test
    void common_browsers_are_named_by_browser_and_operating_system() {
        assertEquals(new DeviceName("Chrome", "Linux"), devices.of(
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"));
        assertEquals(new DeviceName("Firefox", "Windows"), devices.of(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0"));
        assertEquals(new DeviceName("Mobile Safari", "iOS"), devices.of("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) "
                + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1"));
        assertEquals(new DeviceName("Samsung Internet", "Android"), devices.of("Mozilla/5.0 (Linux; Android 14; SM-S918N) "
                + "AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36"));
        assertEquals(new DeviceName("curl", null), devices.of("curl/8.5.0"));
    }

    @Test
    void missing_and_unrecognised_headers_are_an_unknown_device() {
        assertEquals(DeviceName.UNKNOWN, devices.of(null));
        assertEquals(DeviceName.UNKNOWN, devices.of("   "));
        assertEquals(DeviceName.UNKNOWN, devices.of("Laptop/1"));
        assertEquals(false, devices.of("Laptop/1").isKnown());
    }

    @Test
    void each_header_is_parsed_once_and_then_served_from_the_cache() {
        String agent = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15";
        DeviceName first = devices.of(agent);
        assertEquals(new DeviceName("Safari", "Mac OS X"), first);
        assertSame(first, devices.of(agent), "the second lookup is the cached result, not a new parse");
    }
}
