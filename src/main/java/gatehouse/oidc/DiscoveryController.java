package gatehouse.oidc;

import gatehouse.web.Paths;
import io.javalin.http.Context;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /.well-known/openid-configuration}: what an unmodified OpenID Connect client needs to know. */
public final class DiscoveryController {
    private final Map<String, Object> document;

    public DiscoveryController(String issuer, String signingAlgorithm) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("issuer", issuer);
        d.put("authorization_endpoint", issuer + Paths.OIDC_AUTHORIZE);
        d.put("token_endpoint", issuer + Paths.OIDC_TOKEN);
        d.put("userinfo_endpoint", issuer + Paths.OIDC_USERINFO);
        d.put("jwks_uri", issuer + Paths.JWKS);
        d.put("end_session_endpoint", issuer + Paths.OIDC_LOGOUT);
        d.put("revocation_endpoint", issuer + Paths.OIDC_REVOKE);
        d.put("introspection_endpoint", issuer + Paths.OIDC_INTROSPECT);
        d.put("response_types_supported", List.of("code"));
        d.put("response_modes_supported", List.of("query"));
        d.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        d.put("subject_types_supported", List.of("public"));
        d.put("id_token_signing_alg_values_supported", List.of(signingAlgorithm));
        d.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        d.put("revocation_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        d.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        d.put("code_challenge_methods_supported", List.of("S256"));
        d.put("scopes_supported", Scopes.SUPPORTED);
        d.put("claims_supported", Scopes.allClaims());
        d.put("prompt_values_supported", List.of("none", "login", "consent"));
        d.put("authorization_response_iss_parameter_supported", true);
        d.put("claims_parameter_supported", false);
        d.put("request_parameter_supported", false);
        d.put("request_uri_parameter_supported", false);
        this.document = Collections.unmodifiableMap(d);
    }

    public void show(Context ctx) {
        ctx.json(document);
    }
}
