package gatehouse.api;

import gatehouse.admin.MemberSort;
import gatehouse.admin.MemberAdministration;
import gatehouse.domain.ActionRefused;
import gatehouse.web.Auth;
import gatehouse.domain.Role;
import gatehouse.domain.ValidationException;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** {@code /api/v1/admin/users}: the member administration of {@link MemberAdministration}, as JSON. */
public final class ApiAdminController {
    /** The role to give: {@code MEMBER} or {@code ADMIN}. */
    public record RoleRequest(String role) {}

    private final MemberAdministration members;
    private final JsonBody body;

    public ApiAdminController(MemberAdministration members, JsonBody body) {
        this.members = members;
        this.body = body;
    }

    /** {@code ?q=} (user name, name or nickname), {@code page} from 1, {@code sort} joined|username|lastLogin. */
    public void list(Context ctx) {
        int page = page(ctx.queryParam("page"));
        MemberSort sort = sort(ctx.queryParam("sort"));
        ctx.json(UserPageView.of(members.search(ctx.queryParam("q"), sort, page)));
    }

    public void show(Context ctx) {
        UUID id = PathIds.of(ctx, "id", "error.admin.notFound");
        ctx.json(members.find(id).orElseThrow(ActionRefused::noSuchMember));
    }

    public void delete(Context ctx) {
        UUID id = PathIds.of(ctx, "id", "error.admin.notFound");
        members.delete(Auth.member(ctx).userId(), id, ctx.ip());
        ctx.status(HttpStatus.NO_CONTENT);
    }

    public void changeRole(Context ctx) throws IOException {
        UUID id = PathIds.of(ctx, "id", "error.admin.notFound");
        String given = body.read(ctx, RoleRequest.class).role();
        Role role = Role.ofMember(given).orElseThrow(() -> ValidationException.of("role", "error.admin.badRole"));
        ctx.json(members.changeRole(Auth.member(ctx).userId(), id, role, ctx.ip()));
    }

    private static int page(String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int page = Integer.parseInt(value.strip());
            if (page >= 1) {
                return page;
            }
        } catch (NumberFormatException notANumber) {
            // Falls through to the 400 below.
        }
        throw ApiProblem.field(HttpStatus.BAD_REQUEST, "api.query.invalid", "page", "api.query.page", "page");
    }

    /** Strict where the page is lenient: a client that misspells a sort should hear so. */
    private static MemberSort sort(String value) {
        if (value == null || value.isBlank()) {
            return MemberSort.JOINED;
        }
        Optional<MemberSort> sort = Arrays.stream(MemberSort.values())
                .filter(s -> s.parameter().toLowerCase(Locale.ROOT).equals(value.strip().toLowerCase(Locale.ROOT)))
                .findFirst();
        return sort.orElseThrow(() -> ApiProblem.field(HttpStatus.BAD_REQUEST, "api.query.invalid", "sort",
                "api.query.sort", "sort"));
    }
}
