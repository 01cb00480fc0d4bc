package gatehouse.session;

/** What a session's user agent says about the device: browser and operating system, each null when unknown. */
public record DeviceName(String browser, String os) {
    public static final DeviceName UNKNOWN = new DeviceName(null, null);

    public boolean isKnown() {
        return browser != null || os != null;
    }
}
