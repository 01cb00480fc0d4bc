package gatehouse.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Chooses the one public URL, which is also the issuer of every token: {@code server.public-url}, else the
 * deprecated {@code auth.issuer} (an alias kept so that old configuration files still start), else
 * {@code http://localhost:<port>}.
 */
final class PublicUrls {
    private PublicUrls() {}

    static String choose(String publicUrl, String legacyIssuer, String port) {
        if (!publicUrl.isEmpty() && !legacyIssuer.isEmpty() && !trimSlash(publicUrl).equals(trimSlash(legacyIssuer))) {
            throw new ConfigException("auth.issuer", legacyIssuer,
                    "is a deprecated alias of server.public-url; set only server.public-url");
        }
        if (!publicUrl.isEmpty()) {
            return checked("server.public-url", publicUrl);
        }
        if (!legacyIssuer.isEmpty()) {
            return checked("auth.issuer", legacyIssuer);
        }
        return "http://localhost:" + port;
    }

    /** An http(s) URL with a host and neither query nor fragment; the trailing slash is dropped. */
    private static String checked(String key, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new ConfigException(key, value, "must be an http:// or https:// URL without query, such as https://login.example.org");
            }
            return trimSlash(value);
        } catch (URISyntaxException e) {
            throw new ConfigException(key, value, "not a URL, such as https://login.example.org");
        }
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
