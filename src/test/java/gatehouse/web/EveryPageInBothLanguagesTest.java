package gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gatehouse.account.User;
import gatehouse.domain.Role;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Renders every page (forms with and without errors, notices, message pages, refusals) in English and in
 * Korean, the language chosen by Accept-Language and by the lang cookie, and checks each for the right
 * {@code <html lang>}, no message key shown as raw text, no text of the other language, and dates in the
 * language's own format.
 */
class EveryPageInBothLanguagesTest {
    private static final Pattern HANGUL = Pattern.compile("[\\uAC00-\\uD7A3]");
    private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z]{3,}");
    private static final Pattern KOREAN_DATE = Pattern.compile("\\d{4}\\. \\d{1,2}\\. \\d{1,2}\\.");
    private static final Pattern ENGLISH_DATE = Pattern.compile("[A-Z][a-z]{2} \\d{1,2}, \\d{4}");
    /**
     * Latin words a Korean page may rightly show: the product name, the language switch, technical
     * names (UTC, JWT, UUID, the cookie name), and the test members' data, searches and browser.
     */
    private static final Set<String> LATIN_ALLOWED = Set.of("Gatehouse", "English", "UTC", "JWT", "UUID", "access",
            "token", "Java", "http", "client", "boss", "member", "Name", "nick", "victim", "leaver", "goner", "quitter",
            "Member", "ADMIN", "deputy", "mem", "zzzz");

    /** How a browser asks for a language. */
    private record Mode(String lang, String description, String acceptLanguage, String cookie) {}

    private static final List<Mode> MODES = List.of(
            new Mode("en", "Accept-Language: en", "en-GB,en;q=0.9", null),
            new Mode("ko", "Accept-Language: ko", "ko-KR,ko;q=0.9,en-US;q=0.8", null),
            new Mode("ko", "lang=ko cookie over Accept-Language: en", "en-US,en;q=0.9", "ko"),
            new Mode("en", "lang=en cookie over Accept-Language: ko", "ko-KR,ko;q=0.9", "en"),
            new Mode("en", "no preference at all", null, null));

    /** One page to render: what to do with which browser, the status expected, and whether it shows dates. */
    private record PageCase(String name, String who, int status, boolean dates, Function<TestClient, TestClient.Response> visit) {}

    private static TestClient browser(TestApp app, Mode mode, String username) {
        TestClient client = username == null ? app.client() : app.loggedIn(username);
        if (mode.cookie() != null) {
            client.setCookie("lang", mode.cookie());
        }
        return client;
    }

    private static String[] headers(Mode mode) {
        return mode.acceptLanguage() == null ? new String[0] : new String[] {"Accept-Language", mode.acceptLanguage()};
    }

    @Test
    void every_page_renders_in_the_chosen_language_without_raw_keys() {
        try (TestApp app = TestApp.h2()) {
            User boss = app.createMember("boss", gatehouse.domain.Role.ADMIN);
            User member = app.createMember("member", gatehouse.domain.Role.MEMBER);
            app.users().countAttempt(member.id(), 0, 6, app.clock().instant().plusSeconds(3600));
            app.users().loginSucceeded(member.id(), app.clock().instant());
            Properties en = BundlesTest.bundle("en");
            Properties ko = BundlesTest.bundle("ko");
            List<String> problems = new ArrayList<>();
            int rendered = 0;

            for (Mode mode : MODES) {
                String[] h = headers(mode);
                app.createMember("victim", gatehouse.domain.Role.MEMBER);
                app.createMember("leaver", gatehouse.domain.Role.MEMBER);
                app.createMember("quitter", gatehouse.domain.Role.MEMBER);
                User victim = app.users().findByUsername("victim").orElseThrow();
                String unknown = UUID.randomUUID().toString();
                Map<String, String> badProfile = Map.of("name", "", "nickname", "", "birthday", "31-12-1990", "phone", "x");

                List<PageCase> cases = List.of(
                        new PageCase("login", null, 200, false, c -> c.get("/login", h)),
                        new PageCase("login failed", null, 401, false, c -> {
                            c.get("/login", h);
                            return c.postForm("/login", Map.of("username", "nobody", "password", "wrong-password-here"), h);
                        }),
                        new PageCase("second factor login step", null, 200, false, c -> {
                            c.get("/login", h);
                            c.postForm("/login", Map.of("username", "boss", "password", TestApp.PASSWORD), h);
                            return c.get("/login/second-factor", h);
                        }),
                        new PageCase("second factor login step expired", null, 401, false, c -> c.get("/login/second-factor", h)),
                        new PageCase("signup", null, 200, false, c -> c.get("/signup", h)),
                        new PageCase("signup with errors", null, 422, false, c -> {
                            c.get("/signup", h);
                            return c.postForm("/signup", Map.of("username", "x", "password", "short", "passwordConfirm", "other"), h);
                        }),
                        new PageCase("404", null, 404, false, c -> c.get("/no/such/page", h)),
                        new PageCase("me", "member", 200, true, c -> c.get("/me", h)),
                        new PageCase("settings", "member", 200, false, c -> c.get("/me/edit", h)),
                        new PageCase("settings saved", "member", 200, false, c -> c.get("/me/edit?notice=saved", h)),
                        new PageCase("settings password notice", "member", 200, false, c -> c.get("/me/edit?notice=password", h)),
                        new PageCase("profile errors", "member", 422, false, c -> {
                            c.get("/me/edit", h);
                            return c.postForm("/me/edit", badProfile, h);
                        }),
                        new PageCase("password errors", "member", 422, false, c -> {
                            c.get("/me/edit", h);
                            return c.postForm("/me/password", Map.of("currentPassword", "wrong-password-here",
                                    "newPassword", "short", "newPasswordConfirm", "other"), h);
                        }),
                        new PageCase("delete errors", "member", 422, false, c -> {
                            c.get("/me/edit", h);
                            return c.postForm("/me/delete", Map.of("password", "wrong-password-here"), h);
                        }),
                        new PageCase("second factor enrolment", "member", 200, false, c -> c.get("/me/second-factor", h)),
                        new PageCase("second factor enrolment for an admin", "member", 200, false,
                                c -> c.get("/me/second-factor?for=admin", h)),
                        new PageCase("second factor enrolment error", "member", 422, false, c -> {
                            c.get("/me/second-factor", h);
                            return c.postForm("/me/second-factor", Map.of("enrolment", "", "code", "000000"), h);
                        }),
                        new PageCase("second factor on", "boss", 200, false, c -> c.get("/me/second-factor", h)),
                        new PageCase("second factor errors", "boss", 422, false, c -> {
                            c.get("/me/second-factor", h);
                            return c.postForm("/me/second-factor/recovery-codes",
                                    Map.of("password", "wrong-password-here", "code", "000000"), h);
                        }),
                        new PageCase("403", "member", 403, false, c -> c.get("/admin/users", h)),
                        new PageCase("csrf refused", "member", 403, false, c -> c.postForm("/me/edit", Map.of("_csrf", "forged"), h)),
                        new PageCase("logout", "leaver", 200, false, c -> {
                            c.get("/me", h);
                            return c.postForm("/logout", Map.of(), h);
                        }),
                        new PageCase("farewell", "quitter", 200, false, c -> {
                            c.get("/me/edit", h);
                            return c.postForm("/me/delete", Map.of("password", TestApp.PASSWORD), h);
                        }),
                        new PageCase("member list", "boss", 200, true, c -> c.get("/admin/users", h)),
                        new PageCase("member list searched", "boss", 200, true, c -> c.get("/admin/users?q=mem&sort=lastLogin", h)),
                        new PageCase("member list empty", "boss", 200, false, c -> c.get("/admin/users?q=zzzz", h)),
                        new PageCase("member list notice", "boss", 200, true,
                                c -> c.get("/admin/users?notice=unlocked&member=" + member.id(), h)),
                        new PageCase("member page", "boss", 200, true, c -> c.get("/admin/users/" + member.id(), h)),
                        new PageCase("member page notice", "boss", 200, true,
                                c -> c.get("/admin/users/" + member.id() + "?notice=sessionsEnded", h)),
                        new PageCase("unknown member page", "boss", 404, false, c -> c.get("/admin/users/" + unknown, h)),
                        new PageCase("confirm delete", "boss", 200, true, c -> c.get("/admin/users/" + member.id() + "/delete", h)),
                        new PageCase("confirm delete of oneself", "boss", 200, true, c -> c.get("/admin/users/" + boss.id() + "/delete", h)),
                        new PageCase("unknown member", "boss", 404, false, c -> c.get("/admin/users/" + unknown + "/delete", h)),
                        new PageCase("deleted", "boss", 200, false, c -> {
                            c.get("/admin/users", h);
                            return c.postForm("/admin/users/" + victim.id() + "/delete", Map.of(), h);
                        }),
                        new PageCase("last admin refused", "boss", 409, false, c -> {
                            c.get("/admin/users", h);
                            return c.postForm("/admin/users/" + boss.id() + "/role", Map.of("role", "MEMBER"), h);
                        }),
                        new PageCase("bad role refused", "boss", 409, false, c -> {
                            c.get("/admin/users", h);
                            return c.postForm("/admin/users/" + member.id() + "/role", Map.of("role", "ROOT"), h);
                        }),
                        new PageCase("audit log", "boss", 200, true, c -> c.get("/admin/audit", h)),
                        new PageCase("audit log filtered", "boss", 200, false,
                                c -> c.get("/admin/audit?member=nobody&type=ROLE_CHANGE", h)));

                for (PageCase page : cases) {
                    String where = mode.description() + " / " + page.name();
                    TestClient.Response response = page.visit().apply(browser(app, mode, page.who()));
                    rendered++;
                    if (response.status() != page.status()) {
                        problems.add(where + ": status " + response.status() + " instead of " + page.status());
                        continue;
                    }
                    check(where, mode.lang(), response.body(), page.dates(), mode.lang().equals("ko") ? ko : en, problems);
                }
                app.users().findByUsername("leaver").ifPresent(u -> app.users().delete(u.id()));
            }
            assertEquals(List.of(), problems);
            assertEquals(MODES.size() * 38, rendered);
        }
    }

    private static void check(String where, String lang, String html, boolean dates, Properties bundle, List<String> problems) {
        if (!html.contains("<html lang=\"" + lang + "\">")) {
            problems.add(where + ": no <html lang=\"" + lang + "\">");
        }
        for (String key : bundle.stringPropertyNames()) {
            if (Pattern.compile("(?<![\\w./])" + Pattern.quote(key) + "(?![\\w])").matcher(html).find()) {
                problems.add(where + ": raw key " + key);
            }
        }
        String text = visibleText(html);
        if (lang.equals("ko")) {
            if (!HANGUL.matcher(text).find()) {
                problems.add(where + ": no Korean text");
            }
            Set<String> latin = new LinkedHashSet<>();
            Matcher m = LATIN_WORD.matcher(text);
            while (m.find()) {
                if (!LATIN_ALLOWED.contains(m.group())) {
                    latin.add(m.group());
                }
            }
            if (!latin.isEmpty()) {
                problems.add(where + ": English words on a Korean page " + latin);
            }
            if (dates && !KOREAN_DATE.matcher(text).find()) {
                problems.add(where + ": no date in Korean format");
            }
        } else {
            if (HANGUL.matcher(text.replace("한국어", "")).find()) {
                problems.add(where + ": Korean text on an English page");
            }
            if (dates && !ENGLISH_DATE.matcher(text).find()) {
                problems.add(where + ": no date in English format");
            }
        }
    }

    /**
     * The text a reader sees, without markup, and without raw data: the decoded token, the audit detail,
     * ids and request ids.
     */
    private static String visibleText(String html) {
        return html.replaceAll("(?s)<pre[^>]*>.*?</pre>", " ")
                .replaceAll("(?s)<code[^>]*>.*?</code>", " ")
                .replaceAll("(?s)<head>.*?</head>", " ")
                .replaceAll("(?s)<[^>]+>", " ")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", " ")
                .replaceAll("\\b[0-9a-f]{16}\\b", " ")
                .replace("&nbsp;", " ");
    }
}
