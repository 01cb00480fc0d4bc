package gatehouse.web;

import java.text.MessageFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.ResourceBundle;

/** The visible text of one language, as templates and controllers use it. */
public final class Text {
    private final Locale locale;
    private final ResourceBundle bundle;
    private final DateTimeFormatter dateFormat;
    private final DateTimeFormatter dateTimeFormat;
    /** One per message key of the bundle: bounded by the bundle's size. */
    private final Map<String, MessageFormat> formats = new ConcurrentHashMap<>();

    Text(Locale locale, ResourceBundle bundle) {
        this.locale = locale;
        this.bundle = bundle;
        // The locale's medium patterns, looked up once: a localized formatter looks its pattern up at every use.
        this.dateFormat = DateTimeFormatter.ofPattern(DateTimeFormatterBuilder.getLocalizedDateTimePattern(
                FormatStyle.MEDIUM, null, IsoChronology.INSTANCE, locale), locale);
        this.dateTimeFormat = DateTimeFormatter.ofPattern(DateTimeFormatterBuilder.getLocalizedDateTimePattern(
                FormatStyle.MEDIUM, FormatStyle.MEDIUM, IsoChronology.INSTANCE, locale), locale).withZone(ZoneOffset.UTC);
    }

    /** The language tag, for {@code <html lang>}. */
    public String lang() {
        return locale.getLanguage();
    }

    public String get(String key) {
        return bundle.getString(key);
    }

    /** The message with {@code {0}}, {@code {1}}… filled in. */
    public String format(String key, Object... arguments) {
        // Parsed once per key; a MessageFormat is not thread-safe, so each use formats with a clone.
        MessageFormat parsed = formats.computeIfAbsent(key, k -> new MessageFormat(bundle.getString(k), locale));
        return ((MessageFormat) parsed.clone()).format(arguments);
    }

    public String date(LocalDate date) {
        return date == null ? "" : dateFormat.format(date);
    }

    /** A moment in UTC, as the page says. */
    public String dateTime(Instant instant) {
        return instant == null ? "" : dateTimeFormat.format(instant) + " UTC";
    }
}
