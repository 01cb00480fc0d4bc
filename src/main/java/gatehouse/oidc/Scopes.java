package gatehouse.oidc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The scopes Gatehouse offers and the claims each one releases. */
public final class Scopes {
    public static final String OPENID = "openid";
    public static final String PROFILE = "profile";
    public static final String PHONE = "phone";
    public static final String OFFLINE_ACCESS = "offline_access";
    public static final List<String> SUPPORTED = List.of(OPENID, PROFILE, PHONE, OFFLINE_ACCESS);

    /** Claims by scope; {@code sub} always goes out. */
    public static final Map<String, List<String>> CLAIMS = Map.of(
            PROFILE, List.of("preferred_username", "name", "nickname", "gender", "birthdate", "locale", "role"),
            PHONE, List.of("phone_number"));

    private Scopes() {}

    /** Every claim that discovery offers. */
    public static List<String> allClaims() {
        List<String> all = new ArrayList<>(List.of("sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "amr"));
        all.addAll(CLAIMS.get(PROFILE));
        all.addAll(CLAIMS.get(PHONE));
        return all;
    }

    /** A space-separated scope string as a list (no blanks, no repeats). */
    public static List<String> parse(String spaceSeparated) {
        return spaceSeparated == null ? List.of()
                : Arrays.stream(spaceSeparated.trim().split("\\s+")).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** The requested scopes that the client may have, in the order Gatehouse lists them. */
    public static List<String> allowed(Collection<String> requested, Collection<String> clientScopes) {
        Set<String> asked = Set.copyOf(requested);
        return SUPPORTED.stream().filter(asked::contains).filter(clientScopes::contains).toList();
    }

    public static String joined(Collection<String> scopes) {
        return String.join(" ", scopes);
    }
}
