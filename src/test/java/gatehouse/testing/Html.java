package gatehouse.testing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small readers for the server-rendered HTML that tests look into (no DOM library needed for these). */
public final class Html {
    private Html() {}

    /** The text with jte's entity escapes turned back into characters. */
    public static String unescape(String html) {
        return html.replace("&#34;", "\"").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
    }

    /** The opening tag of the element with {@code id} (an input, textarea, fieldset...). */
    public static Optional<String> tagWithId(String html, String id) {
        // Attribute values may hold '>' (jte escapes it only in text), so skip over quoted values.
        Matcher m = Pattern.compile("<[a-z]+\\s(?:[^>\"]|\"[^\"]*\")*>").matcher(html);
        while (m.find()) {
            if (m.group().matches("(?s).*\\sid=\"" + Pattern.quote(id) + "\".*")) {
                return Optional.of(m.group());
            }
        }
        return Optional.empty();
    }

    /** The value of {@code attribute} in {@code tag}, if present. */
    public static Optional<String> attribute(String tag, String attribute) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(attribute) + "(?:=\"([^\"]*)\")?(?=[\\s>/])").matcher(tag);
        return m.find() ? Optional.of(m.group(1) == null ? "" : unescape(m.group(1))) : Optional.empty();
    }

    /** The text inside the element with {@code id}, unescaped, with surrounding white space removed. */
    public static Optional<String> textOf(String html, String id) {
        Matcher m = Pattern.compile("<([a-z0-9]+)\\s[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</\\1>", Pattern.DOTALL)
                .matcher(html);
        return m.find() ? Optional.of(unescape(m.group(2)).strip()) : Optional.empty();
    }
}
