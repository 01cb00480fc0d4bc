package gatehouse;

import gatehouse.account.Accounts;
import gatehouse.account.SignupForm;
import gatehouse.config.Config;
import gatehouse.db.Database;
import gatehouse.token.KeyFiles;
import gatehouse.token.SigningKeys;
import gatehouse.web.Languages;
import gatehouse.web.Text;
import gatehouse.domain.ValidationException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** {@code create-admin}: reads the password twice (console, or two lines of standard input) and creates or promotes. */
final class CreateAdmin {
    private CreateAdmin() {}

    static int run(Config config, String username) {
        String[] entered = readPasswordTwice();
        if (!entered[0].equals(entered[1])) {
            System.err.println("gatehouse: the two passwords differ");
            return Gatehouse.EXIT_FAILURE;
        }
        Gatehouse.createDataDirectory(config);
        try (Database database = Gatehouse.openDatabase(config)) {
            byte[] pepper = KeyFiles.loadOrCreatePepper(config.auth().pepperFile());
            var services = Services.create(config, database, SigningKeys.load(config.auth()), pepper, Clock.systemUTC());
            Accounts accounts = services.accounts();
            boolean created = accounts.createOrPromoteAdmin(username, entered[0]);
            // Say the name as stored (lower case), which is the one to log in with.
            String stored = SignupForm.normalizeUsername(username);
            System.out.println(created ? "created administrator " + stored : "promoted " + stored + " to administrator");
            if (config.auth().adminSecondFactorRequired()) {
                System.out.println("a second factor is required for administrators (auth.admin-second-factor=required):"
                        + " after the first login with the password, " + stored
                        + " is sent to /me/second-factor to enrol an authenticator app before any admin page opens");
            }
            return 0;
        } catch (ValidationException e) {
            Text english = new Languages().text("en");
            e.fieldErrors().forEach((field, key) -> System.err.println("gatehouse: " + field + ": " + english.get(key)));
            return Gatehouse.EXIT_FAILURE;
        }
    }

    private static String[] readPasswordTwice() {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("Password: ");
            char[] second = console.readPassword("Password again: ");
            return new String[] {first == null ? "" : new String(first), second == null ? "" : new String(second)};
        }
        try {
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String first = in.readLine();
            String second = in.readLine();
            return new String[] {first == null ? "" : first, second == null ? "" : second};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
