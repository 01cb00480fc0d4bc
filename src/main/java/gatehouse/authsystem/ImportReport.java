package gatehouse.authsystem;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What an import run did with each original member, and the totals, as the operator reads them. */
final class ImportReport {

    /** What happened to one member. */
    enum Outcome {
        IMPORTED("imported"), WOULD_IMPORT("would import"), ALREADY_IMPORTED("already imported"), SKIPPED("skipped");

        final String label;

        Outcome(String label) {
            this.label = label;
        }
    }

    /** One member's line, with the notes (kept values that break today's rules) or the reason it was skipped. */
    record Entry(Outcome outcome, String username, UUID id, List<String> notes, String state) {}

    private final List<Entry> entries = new ArrayList<>();
    private final boolean dryRun;
    private int needingPasswordChange;
    private int awaitingFirstLogin;

    ImportReport(boolean dryRun) {
        this.dryRun = dryRun;
    }

    void add(Entry entry) {
        entries.add(entry);
    }

    /** Counts an imported member's password state (new ones wait for their first login). */
    void countPassword(boolean awaiting, boolean changeRequired) {
        awaitingFirstLogin += awaiting ? 1 : 0;
        needingPasswordChange += changeRequired ? 1 : 0;
    }

    long count(Outcome outcome) {
        return entries.stream().filter(e -> e.outcome() == outcome).count();
    }

    int read() {
        return entries.size();
    }

    int needingPasswordChange() {
        return needingPasswordChange;
    }

    String summary() {
        return "read " + read() + ", " + (dryRun ? "would import " + count(Outcome.WOULD_IMPORT)
                : "imported " + count(Outcome.IMPORTED)) + ", already imported " + count(Outcome.ALREADY_IMPORTED)
                + ", skipped " + count(Outcome.SKIPPED) + ", needing a password change " + needingPasswordChange
                + ", waiting for their first login " + awaitingFirstLogin;
    }

    void print(PrintStream out) {
        for (Entry e : entries) {
            String state = e.state() == null ? "" : " (" + e.state() + ")";
            out.printf("%-17s %-20s %s%s%n", e.outcome().label, e.username(), e.id() == null ? "-" : e.id(), state);
            String prefix = e.outcome() == Outcome.SKIPPED ? "    reason: " : "    note: ";
            e.notes().forEach(note -> out.println(prefix + note));
        }
        out.println();
        out.println("Roles: the original made every member an administrator ('관리자'); every imported member is a"
                + " MEMBER. Promote the real administrators with: java -jar gatehouse.jar create-admin --username NAME");
        out.println("Sessions: the original's refresh tokens are not carried over; members log in again.");
        out.println("Passwords: the original's bcrypt hashes are kept until each member's first login, which checks"
                + " the password the original way and replaces the hash with Gatehouse's own. A password that falls"
                + " short of today's rules is accepted that once, and the member is sent to change it.");
        if (count(Outcome.SKIPPED) > 0) {
            out.println("Skipped members were not touched: correct them in the original databases and run the"
                    + " import again (members already imported stay as they are).");
        }
        out.println((dryRun ? "Dry run, nothing written: " : "Summary: ") + summary() + ".");
    }
}
