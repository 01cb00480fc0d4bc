package gatehouse.oidc;

import gatehouse.account.Gender;
import gatehouse.account.MemberAccount;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The member's claims that the granted scopes release, by their OpenID Connect names. */
public final class Claims {
    private Claims() {}

    public static Map<String, String> of(MemberAccount member, List<String> scopes, String locale) {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", member.user().id().toString());
        var profile = member.profile();
        if (scopes.contains(Scopes.PROFILE)) {
            claims.put("preferred_username", member.user().username());
            claims.put("name", profile.name());
            claims.put("nickname", profile.nickname());
            if (profile.gender() != Gender.UNDISCLOSED) {
                claims.put("gender", profile.gender().name().toLowerCase(Locale.ROOT));
            }
            if (profile.birthday() != null) {
                claims.put("birthdate", profile.birthday().toString());
            }
            claims.put("locale", locale);
            claims.put("role", member.user().role().name());
        }
        if (scopes.contains(Scopes.PHONE) && profile.phone() != null && !profile.phone().isBlank()) {
            claims.put("phone_number", profile.phone());
        }
        return claims;
    }
}
