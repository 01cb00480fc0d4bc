package gatehouse.admin;

import gatehouse.web.Page;
import java.time.Instant;

/** The step before deleting a member: who they are, and the way back to the list. */
public record ConfirmDeletePage(MemberListEntry member, MemberQuery back, Instant now, boolean self) implements Page {
    @Override
    public String template() {
        return "admin/confirmDelete.jte";
    }
}
