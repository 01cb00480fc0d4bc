package gatehouse.admin;

import gatehouse.account.Accounts;
import gatehouse.account.MemberAccount;
import gatehouse.account.Profile;
import gatehouse.audit.AuditDao;
import gatehouse.audit.AuditEntry;
import gatehouse.secondfactor.SecondFactors;
import gatehouse.session.DeviceNames;
import gatehouse.session.LoginSession;
import gatehouse.session.SessionListCache;
import gatehouse.web.Auth;
import gatehouse.web.Pages;
import gatehouse.web.Uuids;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The member page of the administrators: everything about one member on one page. It only reads; its
 * forms post to the member-list actions ({@link AdminController}), which return here.
 */
public final class MemberDetailController {
    static final int RECENT_EVENTS = 20;

    private final MemberAdministration members;
    private final Accounts accounts;
    private final SecondFactors secondFactors;
    private final SessionListCache sessions;
    private final AuditDao audit;
    private final DeviceNames devices;
    private final Pages pages;
    private final Clock clock;

    public MemberDetailController(MemberAdministration members, Accounts accounts, SecondFactors secondFactors, SessionListCache sessions,
                                  AuditDao audit, DeviceNames devices, Pages pages, Clock clock) {
        this.members = members;
        this.accounts = accounts;
        this.secondFactors = secondFactors;
        this.sessions = sessions;
        this.audit = audit;
        this.devices = devices;
        this.pages = pages;
        this.clock = clock;
    }

    public void show(Context ctx) {
        UUID id = Uuids.pathParam(ctx, "id");
        MemberQuery back = MemberQuery.of(ctx.queryParam("q"), ctx.queryParam("sort"), ctx.queryParam("page"));
        Optional<MemberListEntry> row = members.find(id);
        Optional<Profile> profile = accounts.member(id).map(MemberAccount::profile);
        if (row.isEmpty() || profile.isEmpty()) {
            pages.message(ctx, HttpStatus.NOT_FOUND, "error.404.title", "error.admin.notFound", back.href(), "admin.backToList");
            return;
        }
        Instant now = clock.instant();
        List<LoginSession> active = sessions.activeOf(id, now);
        List<AuditEntry> recent = audit.matching(id, null, null, RECENT_EVENTS, 0);
        String notice = ActionNotice.text(ctx.queryParam("notice"), id, pages.text(ctx), members);
        pages.render(ctx, new MemberDetailPage(row.get(), profile.get(), secondFactors.isOn(id),
                active, devices.ofSessions(active), recent, back, now, id.equals(Auth.member(ctx).userId()), notice));
    }
}
