package gatehouse.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gatehouse.account.Credentials;
import gatehouse.account.Gender;
import gatehouse.account.Profile;
import gatehouse.account.User;
import gatehouse.account.UserDao;
import gatehouse.testing.Html;
import gatehouse.testing.TestApp;
import gatehouse.testing.TestClient;
import gatehouse.domain.Role;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mindrot.jbcrypt.BCrypt;

/** The user-management table over 1,000 members: search, paging and the three orders, on both databases. */
class MemberListTest {
    /** Each row's user name, a link to the member's page. */
    private static final Pattern ROW_USERNAME = Pattern.compile("<th scope=\"row\"><a href=\"/admin/users/[0-9a-f-]{36}[^\"]*\"[^>]*>([^<]+)</a></th>");
    private static final int MEMBERS = 1000;

    /**
     * Members user0000 … user0999, joined one minute apart (user0999 newest), all before the administrator.
     * Every tenth is named "Hong Gildong", every fiftieth nicknamed "별빛 Stargazer"; every third has logged in,
     * the higher the number the longer ago.
     */
    private static void insertMembers(TestApp app) {
        // One hash for all: hashing 1,000 times would test bcrypt, not the list.
        String hash = BCrypt.hashpw("not-used-for-login", BCrypt.gensalt(4));
        Instant base = app.clock().instant().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        app.jdbi().useTransaction(handle -> {
            UserDao dao = handle.attach(UserDao.class);
            for (int i = 0; i < MEMBERS; i++) {
                UUID id = UUID.randomUUID();
                Instant joined = base.plus(i, ChronoUnit.MINUTES);
                Instant lastLogin = i % 3 == 0 ? base.plus(20, ChronoUnit.DAYS).minus(i, ChronoUnit.MINUTES) : null;
                String name = i % 10 == 0 ? "Hong Gildong " + i : "Person " + i;
                String nickname = i % 50 == 0 ? "별빛 Stargazer " + i : "nick" + i;
                boolean special = i == 7;
                dao.create(new User(id, String.format("user%04d", i), Role.MEMBER, joined, joined, lastLogin),
                        new Profile(id, name, nickname, null, special ? "010-1234-5678" : null,
                                special ? LocalDate.of(1990, 5, 17) : null, special ? Gender.FEMALE : Gender.UNDISCLOSED,
                                special, special ? joined : null),
                        new Credentials(id, hash, joined, 0, null));
            }
        });
    }

    private static List<String> usernames(TestClient.Response page) {
        assertEquals(200, page.status(), page.body());
        List<String> names = new ArrayList<>();
        Matcher m = ROW_USERNAME.matcher(page.body());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static List<String> expected(int... numbers) {
        return IntStream.of(numbers).mapToObj(i -> String.format("user%04d", i)).toList();
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void the_list_pages_through_a_thousand_members_newest_first_with_the_total(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            app.createMember("boss", Role.ADMIN);
            insertMembers(app);
            TestClient admin = app.loggedIn("boss");

            var first = admin.get("/admin/users");
            List<String> firstNames = usernames(first);
            assertEquals(25, firstNames.size());
            assertEquals("boss", firstNames.get(0), "the administrator joined last");
            assertEquals(expected(999, 998, 997), firstNames.subList(1, 4));
            assertTrue(first.body().contains("1,001 members; showing 1–25."), "total count shown");
            assertTrue(first.body().contains("Page 1 of 41"));

            List<String> second = usernames(admin.get("/admin/users?page=2"));
            assertEquals(expected(975), second.subList(0, 1), "page 2 goes on where page 1 ended");

            assertEquals(expected(0), usernames(admin.get("/admin/users?page=41")), "the last page holds the oldest member");
            assertEquals(expected(0), usernames(admin.get("/admin/users?page=5000")), "a page beyond the end shows the last");
            assertEquals(firstNames, usernames(admin.get("/admin/users?page=x")), "a malformed page number shows page 1");
            assertEquals(firstNames, usernames(admin.get("/admin/users?page=-3")));
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void search_finds_user_name_name_and_nickname_in_any_case_and_treats_wildcards_as_text(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            app.createMember("boss", Role.ADMIN);
            insertMembers(app);
            TestClient admin = app.loggedIn("boss");

            assertEquals(expected(7), usernames(admin.get("/admin/users?q=USER0007")), "user name, upper case");
            var byName = admin.get("/admin/users?q=gILDONG");
            assertTrue(byName.body().contains("100 members match “gILDONG”; showing 1–25."), "name, any case");
            assertEquals(expected(990, 980, 970), usernames(byName).subList(0, 3));
            var byNickname = admin.get("/admin/users?q=" + q("stargazer"));
            assertTrue(byNickname.body().contains("20 members match"), "nickname, any case");
            var byKoreanNickname = admin.get("/admin/users?q=" + q("별빛"));
            assertEquals(20, usernames(byKoreanNickname).size());
            assertEquals(expected(950, 900), usernames(byKoreanNickname).subList(0, 2));

            var none = admin.get("/admin/users?q=" + q("%"));
            assertEquals(List.of(), usernames(none), "% is a character, not a wildcard");
            assertTrue(none.body().contains("No member matches “%”."));
            assertEquals(List.of(), usernames(admin.get("/admin/users?q=" + q("_"))), "_ is a character, not a wildcard");
            assertEquals(List.of(), usernames(admin.get("/admin/users?q=" + q("' OR 1=1 --"))));
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void the_list_sorts_by_user_name_and_by_last_login_and_pager_links_keep_search_and_sort(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            app.createMember("boss", Role.ADMIN);
            insertMembers(app);
            TestClient admin = app.loggedIn("boss");

            List<String> byName = usernames(admin.get("/admin/users?sort=username"));
            assertEquals("boss", byName.get(0));
            assertEquals(expected(0, 1, 2), byName.subList(1, 4));
            assertEquals(expected(24, 25), usernames(admin.get("/admin/users?sort=username&page=2")).subList(0, 2));

            // boss logged in just now; then user0000, user0003 … (every third, newer logins first).
            List<String> byLogin = usernames(admin.get("/admin/users?sort=lastLogin"));
            assertEquals("boss", byLogin.get(0));
            assertEquals(expected(0, 3, 6, 9), byLogin.subList(1, 5));
            // 335 have logged in (334 members and boss); the 666 who never did come last.
            List<String> lastPage = usernames(admin.get("/admin/users?sort=lastLogin&page=41"));
            assertFalse(lastPage.stream().anyMatch(n -> Integer.parseInt(n.substring(4)) % 3 == 0), lastPage.toString());
            List<String> pageFourteen = usernames(admin.get("/admin/users?sort=lastLogin&page=14"));
            assertEquals(expected(996, 999), pageFourteen.subList(8, 10), "the last members who logged in");
            assertTrue(Integer.parseInt(pageFourteen.get(10).substring(4)) % 3 != 0, "then those who never did");

            var searched = admin.get("/admin/users?q=user01&sort=username");
            assertEquals(expected(100, 101), usernames(searched).subList(0, 2));
            assertTrue(searched.body().contains("href=\"/admin/users?q=user01&amp;sort=username&amp;page=2\""),
                    "the next-page link keeps the search and the order");
            assertTrue(searched.body().contains("href=\"/admin/users?q=user01&amp;sort=username&amp;page=4\""),
                    "the last-page link too");
            assertEquals(expected(125), usernames(admin.get("/admin/users?q=user01&sort=username&page=2")).subList(0, 1));
            assertTrue(searched.body().contains("href=\"/admin/users?q=user01&amp;sort=joined\""),
                    "the column headings re-sort the same search");
        }
    }

    @ParameterizedTest
    @MethodSource("gatehouse.testing.TestDatabase#kinds")
    void a_row_shows_the_columns_an_administrator_scans_and_the_member_page_the_rest_in_each_language(String kind) {
        try (TestApp app = TestApp.builder().database(kind).start()) {
            app.createMember("boss", Role.ADMIN);
            insertMembers(app);
            TestClient admin = app.loggedIn("boss");
            User seventh = app.users().findByUsername("user0007").orElseThrow();
            app.users().countAttempt(seventh.id(), 0, 3, null);

            // The list: user name (a link to the member page), name, role, state, joined, last login.
            String english = admin.get("/admin/users?q=user0007").body();
            for (String text : List.of("<a href=\"/admin/users/" + seventh.id() + "?q=user0007&amp;sort=joined\"",
                    ">user0007</a></th>", "Person 7", "3 failed attempts", "Never", "Member")) {
                assertTrue(english.contains(text), "English row shows " + text);
            }
            String korean = admin.get("/admin/users?q=user0007", "Accept-Language", "ko").body();
            for (String text : List.of("로그인 3회 실패", "기록 없음", "일반 회원")) {
                assertTrue(korean.contains(text), "Korean row shows " + text);
            }
            // The rest of the original's columns moved to the member page.
            String englishPage = admin.get("/admin/users/" + seventh.id()).body();
            for (String text : List.of("user0007", "Person 7", "nick7", "Female", "May 17, 1990", "010-1234-5678", "Given",
                    "3 failed attempts", "Never", "Member")) {
                assertTrue(englishPage.contains(text), "English member page shows " + text);
            }
            String koreanPage = admin.get("/admin/users/" + seventh.id(), "Accept-Language", "ko").body();
            for (String text : List.of("여성", "1990. 5. 17.", "동의함", "로그인 3회 실패", "기록 없음", "일반 회원")) {
                assertTrue(koreanPage.contains(text), "Korean member page shows " + text);
            }
            User boss = app.users().findByUsername("boss").orElseThrow();
            String bossRow = admin.get("/admin/users?q=boss").body();
            assertEquals("1", Html.textOf(admin.get("/admin/users/" + boss.id()).body(), "session-count").orElseThrow(),
                    "boss has one active session");
            assertFalse(bossRow.contains("/admin/users/" + boss.id() + "/delete"), "no delete link for oneself");
        }
    }
}
