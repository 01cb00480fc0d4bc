package gatehouse.web;

/**
 * Redirect targets taken from input: only paths on this server, so a link cannot send members elsewhere.
 * Up to 2000 characters: an OpenID authorization request (state, nonce, PKCE challenge) comes back this way.
 */
public final class LocalPaths {
    private LocalPaths() {}

    /** {@code path} when it is a local path ("/x", never "//host" or "/\host"), else "". */
    public static String safe(String path) {
        if (path == null || path.length() > 2000 || !path.startsWith("/") || path.startsWith("//")
                || path.chars().anyMatch(c -> c < 0x21 || c == '\\' || c == 0x7f)) {
            return "";
        }
        return path;
    }
}
