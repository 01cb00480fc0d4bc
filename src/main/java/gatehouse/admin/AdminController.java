package gatehouse.admin;

import gatehouse.audit.AuditDao;
import gatehouse.audit.AuditEntry;
import gatehouse.audit.AuditEvent;
import gatehouse.domain.ActionRefused;
import gatehouse.web.Auth;
import gatehouse.web.Pages;
import gatehouse.domain.Role;
import gatehouse.web.Uuids;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** The administrators' pages: the member list, the member actions with their confirmation, the audit log. */
public final class AdminController {
    static final int AUDIT_PAGE_SIZE = 50;
    private static final int MAX_FILTER = 50;

    private final MemberAdministration members;
    private final AuditDao audit;
    private final Pages pages;
    private final Clock clock;

    public AdminController(MemberAdministration members, AuditDao audit, Pages pages, Clock clock) {
        this.members = members;
        this.audit = audit;
        this.pages = pages;
        this.clock = clock;
    }

    public void listUsers(Context ctx) {
        MemberQuery asked = listQuery(ctx.queryParam("q"), ctx.queryParam("sort"), ctx.queryParam("page"));
        MemberSearchResult result = members.search(asked.q(), asked.sort(), asked.page());
        // The service clamps the page number: the links must start from the page actually shown.
        var query = new MemberQuery(result.query(), result.sort(), result.page());
        pages.render(ctx, new MemberListPage(result, query, clock.instant(), Auth.member(ctx).userId(), notice(ctx),
                members.withSecondFactor(result.items().stream().map(MemberListEntry::id).toList())));
    }

    public void confirmDelete(Context ctx) {
        UUID id = Uuids.pathParam(ctx, "id");
        MemberQuery back = listQuery(ctx.queryParam("q"), ctx.queryParam("sort"), ctx.queryParam("page"));
        Optional<MemberListEntry> member = members.find(id);
        if (member.isEmpty()) {
            pages.message(ctx, HttpStatus.NOT_FOUND, "error.404.title", "error.admin.notFound", back.href(), "admin.backToList");
            return;
        }
        pages.render(ctx, new ConfirmDeletePage(member.get(), back, clock.instant(),
                id.equals(Auth.member(ctx).userId())));
    }

    public void delete(Context ctx) {
        UUID id = Uuids.pathParam(ctx, "id");
        MemberQuery back = formQuery(ctx);
        Optional<MemberListEntry> deleted = refusalsAsPage(ctx, back, () -> members.delete(actor(ctx), id, ctx.ip()));
        deleted.ifPresent(member -> pages.message(ctx, HttpStatus.OK, "admin.deleted.title", "admin.deleted.message",
                back.href(), "admin.backToList", member.username(), member.name()));
    }

    public void changeRole(Context ctx) {
        UUID id = Uuids.pathParam(ctx, "id");
        MemberQuery back = formQuery(ctx);
        Optional<MemberListEntry> changed = refusalsAsPage(ctx, back,
                () -> members.changeRole(actor(ctx), id, Role.ofMember(ctx.formParam("role")).orElseThrow(() -> new ActionRefused("error.admin.badRole")), ctx.ip()));
        changed.ifPresent(member -> ctx.redirect(ActionNotice.returnTo(ctx, back, "role", id), HttpStatus.SEE_OTHER));
    }

    public void unlock(Context ctx) {
        UUID id = Uuids.pathParam(ctx, "id");
        MemberQuery back = formQuery(ctx);
        Optional<Boolean> done = refusalsAsPage(ctx, back, () -> {
            members.unlock(actor(ctx), id, ctx.ip());
            return true;
        });
        done.ifPresent(ok -> ctx.redirect(ActionNotice.returnTo(ctx, back, "unlocked", id), HttpStatus.SEE_OTHER));
    }

    public void revokeSessions(Context ctx) {
        UUID id = Uuids.pathParam(ctx, "id");
        MemberQuery back = formQuery(ctx);
        Optional<Integer> ended = refusalsAsPage(ctx, back, () -> members.revokeSessions(actor(ctx), id, ctx.ip()));
        ended.ifPresent(count -> ctx.redirect(ActionNotice.returnTo(ctx, back, "sessionsEnded", id), HttpStatus.SEE_OTHER));
    }

    public void auditLog(Context ctx) {
        String member = limited(ctx.queryParam("member"));
        UUID memberId = Uuids.parse(member);
        String username = memberId == null && !member.isEmpty() ? member.toLowerCase(Locale.ROOT) : null;
        AuditEvent type = parseType(ctx.queryParam("type"));
        long total = audit.countMatching(memberId, username, type);
        int pageCount = (int) Math.max(1, (total + AUDIT_PAGE_SIZE - 1) / AUDIT_PAGE_SIZE);
        int page = Math.min(MemberQuery.parsePage(ctx.queryParam("page")), pageCount);
        List<AuditEntry> entries = audit.matching(memberId, username, type, AUDIT_PAGE_SIZE, (page - 1) * AUDIT_PAGE_SIZE);
        pages.render(ctx, new AuditPage(entries, total, page, pageCount, member, type));
    }

    /**
     * Runs an action; a refusal (last administrator, oneself, no such member) becomes the message page
     * with a way back to the list, and the result is empty.
     */
    private <T> Optional<T> refusalsAsPage(Context ctx, MemberQuery back, Supplier<T> action) {
        try {
            return Optional.of(action.get());
        } catch (ActionRefused e) {
            boolean gone = e.status() == HttpStatus.NOT_FOUND;
            pages.message(ctx, e.status(), gone ? "error.404.title" : "error.refused.title",
                    e.messageKey(), back.href(), "admin.backToList");
            return Optional.empty();
        }
    }

    /** The translated notice the list was sent back with, naming the member it concerns. */
    private String notice(Context ctx) {
        return ActionNotice.text(ctx.queryParam("notice"), Uuids.parse(ctx.queryParam("member")), pages.text(ctx), members);
    }

    private static MemberQuery listQuery(String q, String sort, String page) {
        return MemberQuery.of(limited(q), sort, page);
    }

    /** The list position an action form carries in hidden fields. */
    private static MemberQuery formQuery(Context ctx) {
        return listQuery(ctx.formParam("q"), ctx.formParam("sort"), ctx.formParam("page"));
    }

    private static UUID actor(Context ctx) {
        return Auth.member(ctx).userId();
    }

    private static AuditEvent parseType(String value) {
        if (value != null) {
            for (AuditEvent type : AuditEvent.values()) {
                if (type.name().equals(value)) {
                    return type;
                }
            }
        }
        return null;
    }

    private static String limited(String value) {
        String text = value == null ? "" : value.strip();
        return text.length() > MAX_FILTER ? text.substring(0, MAX_FILTER) : text;
    }
}
