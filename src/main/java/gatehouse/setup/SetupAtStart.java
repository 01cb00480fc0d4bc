package gatehouse.setup;

import gatehouse.account.SignupForm;
import gatehouse.config.ConfigException;
import gatehouse.domain.ValidationException;
import gatehouse.web.Languages;
import gatehouse.web.Paths;
import gatehouse.web.Text;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What start-up does while no administrator exists: creates the one an automated deployment names
 * ({@value #USERNAME} and {@value #PASSWORD_FILE}: a file, so that the password is never in the
 * environment), or else logs a one-time setup link.
 */
public final class SetupAtStart {
    public static final String USERNAME = "GATEHOUSE_BOOTSTRAP_ADMIN_USERNAME";
    public static final String PASSWORD_FILE = "GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD_FILE";
    private static final Logger LOG = LoggerFactory.getLogger(SetupAtStart.class);

    private SetupAtStart() {}

    /** Applies the bootstrap variables when set; a bad value stops the start with one line ({@link ConfigException}). */
    public static void bootstrap(FirstAdministrator first, Map<String, String> environment) {
        String username = environment.getOrDefault(USERNAME, "").strip();
        String file = environment.getOrDefault(PASSWORD_FILE, "").strip();
        if (username.isEmpty() && file.isEmpty()) {
            return;
        }
        if (username.isEmpty() || file.isEmpty()) {
            String missing = username.isEmpty() ? USERNAME : PASSWORD_FILE;
            throw new ConfigException(missing, "", "is needed too when " + (username.isEmpty() ? PASSWORD_FILE : USERNAME) + " is set");
        }
        if (first.administratorExists()) {
            LOG.info("an administrator exists: {} and {} are not needed any more and were left unused", USERNAME, PASSWORD_FILE);
            return;
        }
        String password = readPassword(file);
        try {
            first.bootstrap(username, password)
                    .ifPresent(admin -> LOG.info("created the first administrator {} from {}", admin.username(), USERNAME));
        } catch (ValidationException e) {
            if (first.administratorExists()) {
                // Several instances started together: another one created it.
                LOG.info("the first administrator was created by another instance meanwhile");
                return;
            }
            Text english = new Languages().text("en");
            String why = e.fieldErrors().entrySet().stream().map(error -> error.getKey() + ": " + english.get(error.getValue()))
                    .collect(Collectors.joining("; "));
            throw new ConfigException(e.fieldErrors().containsKey("username") ? USERNAME : PASSWORD_FILE,
                    e.fieldErrors().containsKey("username") ? SignupForm.normalizeUsername(username) : file,
                    "the first administrator was not created: " + why);
        }
    }

    /** The one-time link for a token from {@link FirstAdministrator#newToken()}. */
    public static String link(String baseUrl, String token) {
        return baseUrl + Paths.SETUP + "?token=" + token;
    }

    private static String readPassword(String file) {
        try {
            String content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            // The file's line ending is not part of the password; any other character is.
            String password = content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
            if (password.isEmpty()) {
                throw new ConfigException(PASSWORD_FILE, file, "the file is empty");
            }
            return password;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigException config) {
                throw config;
            }
            throw new ConfigException(PASSWORD_FILE, file, "cannot read the file (" + e.getClass().getSimpleName() + ")");
        }
    }
}
