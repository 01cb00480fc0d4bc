package gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.account.Gender;
import gatehouse.admin.MemberSort;
import gatehouse.audit.AuditEvent;
import gatehouse.domain.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The two message bundles: the same keys, valid messages, and text for every key the pages use. */
class BundlesTest {
    /** A string literal shaped like a message key, not a prefix that code completes ("role." + name). */
    private static final Pattern LITERAL_KEY = Pattern.compile("\"([a-z][a-zA-Z0-9]*(?:\\.[a-zA-Z0-9]+)+)\"(?!\\s*\\+)");
    private static final Pattern HANGUL = Pattern.compile("[\\uAC00-\\uD7A3]");
    /** Keys whose text is rightly the same in both languages. */
    private static final Set<String> SAME_IN_BOTH = Set.of("audit.nobody", "me.header");

    static Properties bundle(String lang) {
        try (InputStream in = BundlesTest.class.getResourceAsStream("/i18n/messages_" + lang + ".properties")) {
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keys of {@code a} that {@code b} lacks. */
    static Set<String> missing(Properties a, Properties b) {
        Set<String> keys = new TreeSet<>(a.stringPropertyNames());
        keys.removeAll(b.stringPropertyNames());
        return keys;
    }

    @Test
    void every_key_of_either_bundle_is_in_the_other() {
        Properties en = bundle("en");
        Properties ko = bundle("ko");
        assertEquals(Set.of(), missing(en, ko), "keys in English but not in Korean");
        assertEquals(Set.of(), missing(ko, en), "keys in Korean but not in English");
    }

    @Test
    void the_missing_key_check_notices_a_key_in_only_one_bundle() {
        Properties en = bundle("en");
        Properties ko = bundle("ko");
        ko.remove("admin.users.title");
        en.setProperty("only.in.english", "x");
        assertEquals(Set.of("admin.users.title", "only.in.english"), missing(en, ko));
    }

    @Test
    void every_message_is_a_valid_message_format_without_a_plain_apostrophe_where_it_is_formatted() {
        for (String lang : List.of("en", "ko")) {
            Properties bundle = bundle(lang);
            for (String key : bundle.stringPropertyNames()) {
                String value = bundle.getProperty(key);
                assertTrue(!value.isBlank(), lang + " " + key + " is empty");
                if (value.contains("{")) {
                    // MessageFormat swallows a plain apostrophe and what follows it.
                    assertTrue(!value.contains("'"), lang + " " + key + " has a plain apostrophe: " + value);
                    new MessageFormat(value, Locale.forLanguageTag(lang)).format(new Object[] {1, 2, 3, 4});
                }
            }
        }
    }

    @Test
    void korean_text_is_written_in_korean_not_copied_from_english() {
        Properties en = bundle("en");
        Properties ko = bundle("ko");
        List<String> untranslated = new ArrayList<>();
        for (String key : en.stringPropertyNames()) {
            String korean = ko.getProperty(key, "");
            boolean hasWords = en.getProperty(key).matches(".*[A-Za-z]{3,}.*");
            if (!SAME_IN_BOTH.contains(key) && hasWords && !HANGUL.matcher(korean).find()) {
                untranslated.add(key + "=" + korean);
            }
        }
        assertEquals(List.of(), untranslated);
    }

    @Test
    void every_value_the_pages_show_by_name_has_its_text() {
        Properties en = bundle("en");
        Properties ko = bundle("ko");
        List<String> keys = new ArrayList<>();
        for (AuditEvent type : AuditEvent.values()) {
            keys.add("audit.type." + type.name());
        }
        for (Gender gender : Gender.values()) {
            keys.add("gender." + gender.name());
        }
        for (Role role : List.of(Role.MEMBER, Role.ADMIN)) {
            keys.add("role." + role.name());
        }
        for (MemberSort sort : MemberSort.values()) {
            keys.add("admin.sort." + sort.parameter());
        }
        for (String key : keys) {
            assertTrue(en.containsKey(key) && ko.containsKey(key), key);
        }
    }

    @Test
    void every_key_written_out_in_a_template_or_controller_is_in_both_bundles() throws IOException {
        Properties en = bundle("en");
        Properties ko = bundle("ko");
        // Only literals whose first part names a group of the bundles ("admin.", "error." …): not "auth.issuer".
        Set<String> groups = new TreeSet<>();
        en.stringPropertyNames().forEach(key -> groups.add(key.substring(0, key.indexOf('.') + 1)));
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("templates")), Files.walk(Path.of("src/main/java")))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".jte") || p.toString().endsWith(".java")).toList()) {
                Matcher m = LITERAL_KEY.matcher(Files.readString(file));
                while (m.find()) {
                    String key = m.group(1);
                    if (groups.contains(key.substring(0, key.indexOf('.') + 1)) && !key.matches(".*\\.(jte|js|css)")) {
                        used.add(key);
                    }
                }
            }
        }
        assertTrue(used.size() > 100, "the scan found the templates' keys: " + used.size());
        Set<String> absent = new TreeSet<>();
        for (String key : used) {
            // A literal may also be the stem code completes later ("error.500" + ".title").
            boolean stem = en.stringPropertyNames().stream().anyMatch(k -> k.startsWith(key + "."));
            if (!stem && (!en.containsKey(key) || !ko.containsKey(key))) {
                absent.add(key);
            }
        }
        assertEquals(Set.of(), absent);
    }
}
