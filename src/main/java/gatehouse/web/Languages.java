package gatehouse.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The supported languages and how a request chooses one: the {@code lang} cookie, then Accept-Language, then English. */
public final class Languages {
    public static final String COOKIE = "lang";
    public static final List<String> SUPPORTED = List.of("en", "ko");
    private static final String BUNDLE = "i18n.messages";

    private final Map<String, Text> texts;

    public Languages() {
        ResourceBundle.Control exact = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        texts = SUPPORTED.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), lang -> {
            Locale locale = Locale.forLanguageTag(lang);
            return new Text(locale, ResourceBundle.getBundle(BUNDLE, locale, exact));
        }));
    }

    public Text text(String lang) {
        return texts.getOrDefault(lang, texts.get("en"));
    }

    /** The language for this request. */
    public Text choose(Context ctx) {
        String cookie = Cookies.read(ctx, COOKIE);
        if (cookie != null && texts.containsKey(cookie)) {
            return texts.get(cookie);
        }
        String accept = ctx.header("Accept-Language");
        if (accept != null) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(accept)) {
                    String lang = range.getRange().split("-")[0];
                    if (texts.containsKey(lang)) {
                        return texts.get(lang);
                    }
                }
            } catch (IllegalArgumentException malformedHeader) {
                // Fall through to English.
            }
        }
        return texts.get("en");
    }
}
