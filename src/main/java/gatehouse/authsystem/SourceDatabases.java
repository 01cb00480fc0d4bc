package gatehouse.authsystem;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the original AuthSystem's {@code member} and {@code auth} databases over one connection that is
 * read-only twice over: the driver's read-only flag and a read-only transaction, which the server itself
 * enforces. The transaction is also one consistent snapshot of both databases.
 */
final class SourceDatabases {

    /** What was read: the members and the source server's time zone, in which its DATETIMEs were written. */
    record Snapshot(List<SourceMember> members, String timeZone) {}

    private record Profile(String name, String nickname, String introduction, Instant joined, Instant updated) {}

    private record Details(String role, Integer gatherAgree, String cellPhone, String birthday, Integer sex) {}

    private record Password(String hash, Instant updated) {}

    private SourceDatabases() {}

    static Snapshot read(ImportSettings settings) {
        try (Connection connection = connect(settings)) {
            connection.setReadOnly(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
            }
            String timeZone = timeZone(connection);
            use(connection, settings.memberDb());
            Map<String, String> users = new LinkedHashMap<>();
            query(connection, "SELECT user_no, user_id FROM `user` ORDER BY user_id", rs -> {
                users.put(userNo(rs), rs.getString("user_id"));
                return null;
            });
            Map<String, List<Profile>> profiles = grouped(connection, """
                    SELECT user_no, name, nickname, introduction,
                           UNIX_TIMESTAMP(join_date) AS joined, UNIX_TIMESTAMP(update_date) AS updated
                      FROM profile ORDER BY profile_id""",
                    rs -> new Profile(rs.getString("name"), rs.getString("nickname"), rs.getString("introduction"),
                            instant(rs, "joined"), instant(rs, "updated")));
            Map<String, List<Details>> details = grouped(connection, """
                    SELECT user_no, role, gather_agree, cell_phone, birthday, sex
                      FROM authenctication ORDER BY authenctication_id""",
                    rs -> new Details(rs.getString("role"), integer(rs, "gather_agree"), rs.getString("cell_phone"),
                            rs.getString("birthday"), integer(rs, "sex")));
            use(connection, settings.authDb());
            Map<String, List<Password>> passwords = grouped(connection, """
                    SELECT user_no, password, UNIX_TIMESTAMP(update_date) AS updated
                      FROM password ORDER BY password_id""",
                    rs -> new Password(rs.getString("password"), instant(rs, "updated")));
            connection.rollback();
            List<SourceMember> members = new ArrayList<>();
            users.forEach((userNo, userId) -> members.add(member(userNo, userId,
                    profiles.getOrDefault(userNo, List.of()), details.getOrDefault(userNo, List.of()),
                    passwords.getOrDefault(userNo, List.of()))));
            return new Snapshot(members, timeZone);
        } catch (SQLException e) {
            throw ImportFailure.of("cannot read the AuthSystem databases on " + settings.server(), e);
        }
    }

    private static SourceMember member(String userNo, String userId, List<Profile> profiles, List<Details> details,
                                       List<Password> passwords) {
        Profile p = profiles.isEmpty() ? new Profile(null, null, null, null, null) : profiles.get(0);
        Details d = details.isEmpty() ? new Details(null, null, null, null, null) : details.get(0);
        Password pw = passwords.isEmpty() ? new Password(null, null) : passwords.get(0);
        return new SourceMember(userNo, userId, p.name(), p.nickname(), p.introduction(), p.joined(), p.updated(),
                d.role(), d.gatherAgree(), d.cellPhone(), d.birthday(), d.sex(), pw.hash(), pw.updated(),
                profiles.size(), details.size(), passwords.size());
    }

    private static Connection connect(ImportSettings settings) {
        try {
            Properties properties = new Properties();
            properties.setProperty("user", settings.user());
            properties.setProperty("password", settings.password());
            // An unreachable server should be reported in seconds, not after the driver's default 30.
            properties.setProperty("connectTimeout", "5000");
            return DriverManager.getConnection(settings.url(), properties);
        } catch (SQLException e) {
            throw ImportFailure.of("cannot connect to the AuthSystem MariaDB at " + settings.server(), e);
        }
    }

    /** Switches database; the driver quotes the name (no SQL is built from it here). */
    private static void use(Connection connection, String database) {
        try {
            connection.setCatalog(database);
        } catch (SQLException e) {
            throw ImportFailure.of("cannot open the database '" + database + "'", e);
        }
    }

    /** The zone the server's CURRENT_TIMESTAMP wrote in, which UNIX_TIMESTAMP reads back in. */
    private static String timeZone(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT @@session.time_zone, @@system_time_zone")) {
            rs.next();
            String session = rs.getString(1);
            return "SYSTEM".equals(session) ? rs.getString(2) : session;
        }
    }

    private static <T> Map<String, List<T>> grouped(Connection connection, String sql, RowReader<T> reader)
            throws SQLException {
        Map<String, List<T>> rows = new LinkedHashMap<>();
        query(connection, sql, rs -> {
            rows.computeIfAbsent(userNo(rs), k -> new ArrayList<>()).add(reader.read(rs));
            return null;
        });
        return rows;
    }

    private static void query(Connection connection, String sql, RowReader<Void> reader) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                reader.read(rs);
            }
        }
    }

    /** BINARY(36) holding the UUID as text; shorter values come back padded with zero bytes. */
    private static String userNo(ResultSet rs) throws SQLException {
        byte[] bytes = rs.getBytes("user_no");
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1).replace("\0", "");
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        BigDecimal seconds = rs.getBigDecimal(column);
        if (seconds == null || seconds.signum() <= 0) {
            return null;
        }
        return Instant.ofEpochSecond(seconds.longValue(),
                seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    /** Reads one row. */
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }
}
