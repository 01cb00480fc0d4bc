package gatehouse.authsystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code import-authsystem} arguments: where the original databases are, and whether to write. */
record ImportSettings(String url, String user, String password, String memberDb, String authDb, boolean dryRun) {
    static final String USAGE = "usage: import-authsystem --url jdbc:mariadb://HOST:PORT/ --user U --password-file F"
            + " [--member-db member] [--auth-db auth] [--dry-run]";
    private static final Pattern SERVER = Pattern.compile("^jdbc:mariadb://([^/?;]+)");
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_$]{1,64}");

    /** Parses the arguments after the command name; throws {@link ImportFailure} naming the first problem. */
    static ImportSettings parse(List<String> arguments) {
        List<String> args = new ArrayList<>(arguments);
        boolean dryRun = args.remove("--dry-run");
        String url = option(args, "--url");
        String user = option(args, "--user");
        String passwordFile = option(args, "--password-file");
        String memberDb = orDefault(option(args, "--member-db"), "member");
        String authDb = orDefault(option(args, "--auth-db"), "auth");
        if (!args.isEmpty()) {
            throw new ImportFailure("unexpected " + args.get(0) + "; " + USAGE);
        }
        if (url == null || user == null || passwordFile == null) {
            throw new ImportFailure(USAGE);
        }
        if (!SERVER.matcher(url).find()) {
            throw new ImportFailure("--url must start with jdbc:mariadb://HOST:PORT/");
        }
        for (String name : List.of(memberDb, authDb)) {
            if (!DATABASE_NAME.matcher(name).matches()) {
                throw new ImportFailure("'" + name + "' is not a database name (letters, digits, _ and $)");
            }
        }
        return new ImportSettings(url, user, readPassword(Path.of(passwordFile)), memberDb, authDb, dryRun);
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "ImportSettings[" + server() + ", user " + user + ", " + memberDb + ", " + authDb + (dryRun ? ", dry run]" : "]");
    }

    /** HOST:PORT only: the rest of a JDBC URL may carry options, a password among them. */
    String server() {
        Matcher m = SERVER.matcher(url);
        return m.find() ? m.group(1) : "the given server";
    }

    /** The file's first line (an empty file is an empty password), so a trailing newline does not count. */
    private static String readPassword(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new ImportFailure("cannot read --password-file " + file + " (" + e.getClass().getSimpleName()
                    .replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase() + ")");
        }
    }

    private static String option(List<String> args, String name) {
        int at = args.indexOf(name);
        if (at < 0) {
            return null;
        }
        if (at + 1 >= args.size()) {
            throw new ImportFailure(name + " needs a value; " + USAGE);
        }
        String value = args.get(at + 1);
        args.subList(at, at + 2).clear();
        return value;
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
