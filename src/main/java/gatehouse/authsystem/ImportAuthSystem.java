package gatehouse.authsystem;

import gatehouse.db.Database;
import gatehouse.web.Languages;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code import-authsystem}: reads the original AuthSystem's databases (read-only) and creates their members
 * in Gatehouse's database, printing what it did with each. Exit code 0 when the run completed (skipped
 * members included), 1 when it could not; failures are one line.
 */
public final class ImportAuthSystem {
    private ImportAuthSystem() {}

    /**
     * @param arguments the arguments after the command name
     * @param target opens Gatehouse's own database (the caller knows how, beside a running server or not)
     */
    public static int run(List<String> arguments, Supplier<Database> target, Clock clock, PrintStream out,
                          PrintStream err) {
        try {
            ImportSettings settings = ImportSettings.parse(arguments);
            SourceDatabases.Snapshot source = SourceDatabases.read(settings);
            out.println("Read the original AuthSystem: databases " + settings.memberDb() + " and "
                    + settings.authDb() + " on " + settings.server() + " (read-only), " + source.members().size()
                    + " members; its times are taken in the source server's time zone (" + source.timeZone() + ").");
            try (Database database = open(target)) {
                var run = new AuthSystemImport(database.jdbi(), new Languages().text("en"), clock);
                run.run(source.members(), settings.dryRun()).print(out);
            }
            return 0;
        } catch (ImportFailure e) {
            err.println("gatehouse: import-authsystem: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            ImportFailure failure = ImportFailure.of("stopped (members imported before this stay imported;"
                    + " run the import again to go on)", e);
            err.println("gatehouse: import-authsystem: " + failure.getMessage());
            return 1;
        }
    }

    private static Database open(Supplier<Database> target) {
        try {
            return target.get();
        } catch (RuntimeException e) {
            throw ImportFailure.of("cannot open Gatehouse's database", e);
        }
    }
}
