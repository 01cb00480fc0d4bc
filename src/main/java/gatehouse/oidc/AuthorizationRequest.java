package gatehouse.oidc;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Prompt;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An authorization request checked in the order RFC 6749 section 4.1.2.1 demands: first the client and
 * its exact redirect URI (else the error is shown, never sent to an unverified address), then the rest,
 * parsed by Nimbus (errors go back to the client with {@code state} and {@code iss}).
 */
public record AuthorizationRequest(Client client, URI redirectUri, State state, String nonce, List<String> scopes,
                                   String codeChallenge, Prompt prompt, int maxAge, String issuer) {

    /** The outcome of checking a request. */
    public sealed interface Checked {
        /** Unknown client or unregistered redirect URI: shown as a page (message key). */
        record Unsafe(String messageKey) implements Checked {}

        /** To be sent back to the (verified) redirect URI. */
        record Refused(URI location) implements Checked {}

        record Valid(AuthorizationRequest request) implements Checked {}
    }

    public static Checked check(Map<String, List<String>> params, Clients clients, String issuer) {
        Optional<Client> client = clients.find(single(params, "client_id"));
        if (client.isEmpty()) {
            return new Checked.Unsafe("oidc.error.unknownClient");
        }
        String redirect = single(params, "redirect_uri");
        if (redirect == null || !client.get().redirectUriList().contains(redirect)) {
            return new Checked.Unsafe("oidc.error.badRedirect");
        }
        URI redirectUri = URI.create(redirect);
        String rawState = single(params, "state");
        State state = rawState == null || rawState.isEmpty() ? null : new State(rawState);
        AuthenticationRequest parsed;
        try {
            parsed = AuthenticationRequest.parse(params);
        } catch (ParseException e) {
            ErrorObject error = e.getErrorObject() != null ? e.getErrorObject() : OAuth2Error.INVALID_REQUEST;
            return refuse(redirectUri, error, state, issuer);
        }
        if (!parsed.getResponseType().equals(ResponseType.CODE)) {
            return refuse(redirectUri, OAuth2Error.UNSUPPORTED_RESPONSE_TYPE.setDescription("only response_type=code"), state, issuer);
        }
        if (parsed.getRequestObject() != null || parsed.getRequestURI() != null) {
            return refuse(redirectUri, parsed.getRequestObject() != null ? OAuth2Error.REQUEST_NOT_SUPPORTED
                    : OAuth2Error.REQUEST_URI_NOT_SUPPORTED, state, issuer);
        }
        if (parsed.getResponseMode() != null && !parsed.getResponseMode().equals(ResponseMode.QUERY)) {
            return refuse(redirectUri, OAuth2Error.INVALID_REQUEST.setDescription("only response_mode=query"), state, issuer);
        }
        String challenge = parsed.getCodeChallenge() == null ? null : parsed.getCodeChallenge().getValue();
        if (challenge != null && !CodeChallengeMethod.S256.equals(parsed.getCodeChallengeMethod())) {
            return refuse(redirectUri, OAuth2Error.INVALID_REQUEST.setDescription("code_challenge_method must be S256"), state, issuer);
        }
        if (challenge == null && client.get().isPublic()) {
            return refuse(redirectUri, OAuth2Error.INVALID_REQUEST.setDescription("PKCE (S256) is required"), state, issuer);
        }
        List<String> scopes = Scopes.allowed(parsed.getScope().toStringList(), client.get().scopeList());
        if (!scopes.contains(Scopes.OPENID)) {
            return refuse(redirectUri, OAuth2Error.INVALID_SCOPE, state, issuer);
        }
        Prompt prompt = parsed.getPrompt() == null ? new Prompt() : parsed.getPrompt();
        String nonce = parsed.getNonce() == null ? null : parsed.getNonce().getValue();
        return new Checked.Valid(new AuthorizationRequest(client.get(), redirectUri, state, nonce, scopes, challenge,
                prompt, parsed.getMaxAge(), issuer));
    }

    /** The error {@code code} sent back to the client. */
    public URI error(ErrorObject code) {
        return ((Checked.Refused) refuse(redirectUri, code, state, issuer)).location();
    }

    public boolean promptsFor(Prompt.Type type) {
        return prompt.contains(type);
    }

    private static Checked refuse(URI redirectUri, ErrorObject error, State state, String issuer) {
        return new Checked.Refused(new AuthenticationErrorResponse(redirectUri, error, state, new Issuer(issuer),
                ResponseMode.QUERY).toURI());
    }

    private static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.size() != 1 ? null : values.get(0);
    }
}
