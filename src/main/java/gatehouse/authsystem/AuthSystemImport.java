package gatehouse.authsystem;

import gatehouse.account.User;
import gatehouse.account.UserDao;
import gatehouse.audit.AuditDao;
import gatehouse.audit.AuditEvent;
import gatehouse.authsystem.ImportReport.Entry;
import gatehouse.authsystem.ImportReport.Outcome;
import gatehouse.web.Text;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Brings the original's members into Gatehouse: one transaction per member (user, profile, credentials, the
 * legacy hash and an audit event together), skipping members already imported, so a second run changes nothing.
 */
final class AuthSystemImport {
    private static final String CONSOLE = "console";

    private final Jdbi jdbi;
    private final UserDao users;
    private final ImportDao imports;
    private final MemberRules rules;
    private final Clock clock;

    AuthSystemImport(Jdbi jdbi, Text english, Clock clock) {
        this.jdbi = jdbi;
        this.users = jdbi.onDemand(UserDao.class);
        this.imports = jdbi.onDemand(ImportDao.class);
        this.rules = new MemberRules(english, clock);
        this.clock = clock;
    }

    ImportReport run(List<SourceMember> members, boolean dryRun) {
        ImportReport report = new ImportReport(dryRun);
        Set<String> namesThisRun = new HashSet<>();
        for (SourceMember member : members) {
            report.add(importOne(member, dryRun, namesThisRun, report));
        }
        if (!dryRun) {
            jdbi.useExtension(AuditDao.class, audit -> audit.insert(clock.instant(), AuditEvent.AUTHSYSTEM_IMPORT,
                    null, null, CONSOLE, "import-authsystem: " + report.summary()));
        }
        return report;
    }

    private Entry importOne(SourceMember m, boolean dryRun, Set<String> namesThisRun, ImportReport report) {
        UUID id;
        try {
            id = MemberRules.uuid(m.userNo());
        } catch (MemberRules.Skip notUuid) {
            return new Entry(Outcome.SKIPPED, m.userId(), null, List.of(notUuid.getMessage()), null);
        }
        try {
            Optional<Entry> already = alreadyImported(m, id, report);
            if (already.isPresent()) {
                return already.get();
            }
            Optional<User> sameId = users.findById(id);
            if (sameId.isPresent()) {
                throw new MemberRules.Skip("a Gatehouse member ('" + sameId.get().username() + "') already has this UUID");
            }
            MemberRules.Plan plan = rules.plan(m);
            String username = plan.user().username();
            Optional<User> sameName = users.findByUsername(username);
            if (sameName.isPresent() || !namesThisRun.add(username)) {
                throw new MemberRules.Skip("user name '" + username + "' is taken by "
                        + (sameName.isPresent() ? "Gatehouse member '" + sameName.get().username() + "'"
                        : "another AuthSystem member in this run") + " (user names are compared ignoring case)");
            }
            if (!dryRun && !write(plan)) {
                return alreadyImported(m, id, report).orElseThrow(() -> new MemberRules.Skip(
                        "user name '" + username + "' was taken meanwhile (by a sign-up, say)"));
            }
            report.countPassword(true, false);
            return new Entry(dryRun ? Outcome.WOULD_IMPORT : Outcome.IMPORTED, username, id, plan.notes(), null);
        } catch (MemberRules.Skip skip) {
            return new Entry(Outcome.SKIPPED, m.userId(), id, List.of(skip.getMessage()), null);
        }
    }

    private Optional<Entry> alreadyImported(SourceMember m, UUID id, ImportReport report) {
        return imports.find(id).map(found -> {
            report.countPassword(found.awaitingFirstLogin(), found.passwordChangeRequired());
            String state = found.deleted() ? "deleted from Gatehouse since; not imported again"
                    : found.passwordChangeRequired() ? "needs a password change"
                    : found.awaitingFirstLogin() ? "waiting for the first login" : "has logged in";
            return new Entry(Outcome.ALREADY_IMPORTED, found.deleted() ? m.userId() : found.username(), id, List.of(),
                    state);
        });
    }

    /** All of one member or nothing; false when a unique index refused it (a parallel run, a sign-up). */
    private boolean write(MemberRules.Plan plan) {
        Instant now = clock.instant();
        try {
            jdbi.useTransaction(handle -> {
                UserDao tx = handle.attach(UserDao.class);
                tx.insertUser(plan.user());
                tx.insertProfile(plan.profile());
                tx.insertCredentials(plan.credentials());
                ImportDao imported = handle.attach(ImportDao.class);
                imported.insert(plan.user().id(), now);
                imported.insertLegacyHash(plan.user().id(), plan.legacyHash());
                handle.attach(AuditDao.class).insert(now, AuditEvent.MEMBER_IMPORTED, null, plan.user().id(), CONSOLE,
                        shortened("imported from AuthSystem as MEMBER"
                                + (plan.notes().isEmpty() ? "" : "; " + String.join("; ", plan.notes()))));
            });
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /** The audit detail column holds 255 characters. */
    private static String shortened(String detail) {
        return detail.length() <= 255 ? detail : detail.substring(0, 254) + "…";
    }

    private static boolean isUniqueViolation(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
