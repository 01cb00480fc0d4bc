package gatehouse.admin;

import gatehouse.web.Text;
import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;

/**
 * Where an administrator's action returns (the member list, or the member page when the form was sent from
 * there), and the notice it leaves. The query names a notice; its text comes from the bundles.
 */
public final class ActionNotice {
    /** The hidden form field and value of forms on the member page. */
    public static final String FROM = "from";
    public static final String FROM_MEMBER_PAGE = "member";

    private static final List<String> NOTICES = List.of("role", "unlocked", "sessionsEnded", "secondFactorReset");

    private ActionNotice() {}

    /** The page to send the browser to after {@code notice} about {@code member}. */
    public static String returnTo(Context ctx, MemberQuery back, String notice, UUID member) {
        return FROM_MEMBER_PAGE.equals(ctx.formParam(FROM)) ? back.memberHref(member, notice) : back.withNotice(notice, member);
    }

    /** The translated notice, naming the member it concerns; null for none, an unknown one, or a member now gone. */
    static String text(String notice, UUID memberId, Text t, MemberAdministration members) {
        if (notice == null || !NOTICES.contains(notice) || memberId == null) {
            return null;
        }
        return members.find(memberId)
                .map(m -> t.format("admin.notice." + notice, m.username(), t.get("role." + m.role().name())))
                .orElse(null);
    }
}
