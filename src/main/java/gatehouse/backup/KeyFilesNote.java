package gatehouse.backup;

import gatehouse.config.Config;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** The reminder that a backup holds no keys: which files to keep apart, and why. */
final class KeyFilesNote {
    private KeyFilesNote() {}

    static String text(Config config) {
        String keys = config.auth().signingKeyFiles().stream().map(Path::toString).collect(Collectors.joining(", "));
        return "the backup holds no keys: keep copies of the pepper file " + config.auth().pepperFile()
                + (keys.isEmpty() ? "" : " and the signing-key files " + keys)
                + " apart from it (without the pepper no password works after a restore; kept apart, a lost backup"
                + " alone does not let anyone test passwords)";
    }
}
