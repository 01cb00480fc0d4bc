package gatehouse.authsystem;

import gatehouse.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mindrot.jbcrypt.BCrypt;

/**
 * The original AuthSystem's databases, loaded from the fixture files into uniquely named copies of
 * {@code member} and {@code auth} on the test MariaDB (dropped on close). Without one the test is
 * skipped with a printed reason (see {@link TestDatabase#mariaDbServer()}).
 */
public final class AuthSystemFixture implements AutoCloseable {
    private static final String SCHEMA = "/authsystem/authsystem-schema.sql";
    private static final String DATA = "/authsystem/authsystem-sample-data.sql";

    final String server;
    final String user;
    final String password;
    final String memberDb;
    final String authDb;

    private AuthSystemFixture(String server, String user, String password) {
        this.server = server;
        this.user = user;
        this.password = password;
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        this.memberDb = "member_" + suffix;
        this.authDb = "auth_" + suffix;
    }

    /** Loads schema and sample data; skips the test when no MariaDB is configured. */
    public static AuthSystemFixture load() {
        var fixture = new AuthSystemFixture(TestDatabase.mariaDbServer() + "/", TestDatabase.mariaDbUser(),
                TestDatabase.mariaDbPassword());
        fixture.run(fixture.renamed(resource(SCHEMA)) + "\n" + fixture.renamed(resource(DATA)));
        return fixture;
    }

    /** The plain passwords listed in the sample data's comment, by user name. */
    public static Map<String, String> samplePasswords() {
        Map<String, String> passwords = new LinkedHashMap<>();
        boolean inList = false;
        for (String line : resource(DATA).split("\n")) {
            if (line.startsWith("-- Passwords")) {
                inList = true;
            } else if (inList && line.startsWith("--   ")) {
                String entry = line.substring(5);
                int colon = entry.indexOf(": ");
                passwords.put(entry.substring(0, colon), entry.substring(colon + 2));
            } else {
                inList = false;
            }
        }
        return passwords;
    }

    /** Adds a member the way the original stored one ($2b$ hash of the raw password), with the given oddities. */
    void addMember(String userId, String name, String phone, String birthday, String rawPassword) {
        String id = UUID.randomUUID().toString();
        String hash = BCrypt.hashpw(rawPassword, BCrypt.gensalt(4)).replace("$2a$", "$2b$");
        try (Connection c = connect()) {
            update(c, "INSERT INTO " + memberDb + ".user (user_no, user_id) VALUES (?, ?)", id, userId);
            update(c, "INSERT INTO " + memberDb + ".profile (user_no, name, nickname, introduction, join_date, update_date)"
                    + " VALUES (?, ?, 'nick', NULL, '2023-01-02 03:04:05', '2023-01-02 03:04:05')", id, name);
            update(c, "INSERT INTO " + memberDb + ".authenctication (user_no, gather_agree, cell_phone, birthday, sex)"
                    + " VALUES (?, 1, ?, ?, 1)", id, phone, birthday);
            update(c, "INSERT INTO " + authDb + ".password (user_no, password) VALUES (?, ?)", id, hash);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CHECKSUM TABLE of every source table: equal before and after means nothing was written. */
    public List<String> checksums() {
        List<String> sums = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("CHECKSUM TABLE " + memberDb + ".user, " + memberDb + ".profile, "
                     + memberDb + ".authenctication, " + authDb + ".password EXTENDED")) {
            while (rs.next()) {
                sums.add(rs.getString(1) + "=" + rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return sums;
    }

    /** The command's arguments for these databases, with the password in a file. */
    public List<String> arguments(Path passwordFile, String... more) {
        try {
            Files.writeString(passwordFile, password + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of("--url", server, "--user", user,
                "--password-file", passwordFile.toString(), "--member-db", memberDb, "--auth-db", authDb));
        args.addAll(List.of(more));
        return args;
    }

    @Override
    public void close() {
        run("DROP DATABASE IF EXISTS " + authDb + ";\nDROP DATABASE IF EXISTS " + memberDb + ";");
    }

    /** The fixture's database names replaced by this copy's. */
    private String renamed(String sql) {
        return sql.replaceAll("\\bmember\\b(?=;|\\.)", memberDb).replaceAll("\\bauth\\b(?=;)", authDb);
    }

    private void run(String script) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : statements(script)) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The script's statements: comment lines dropped, split at a semicolon that ends a line. */
    private static List<String> statements(String script) {
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.stripLeading().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : sql.toString().split(";\\s*\n")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(server, user, password);
    }

    private static void update(Connection c, String sql, String... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setString(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }

    private static String resource(String name) {
        try (InputStream in = AuthSystemFixture.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
