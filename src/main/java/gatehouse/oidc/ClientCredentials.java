package gatehouse.oidc;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.PlainClientSecret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.javalin.http.Context;
import java.net.URI;

/**
 * Reads a client endpoint's request into Nimbus's model and authenticates the client: a confidential client
 * by {@code client_secret_basic} or {@code client_secret_post}, a public one by its id alone (PKCE then
 * proves the rest).
 */
final class ClientCredentials {
    private final Clients clients;

    ClientCredentials(Clients clients) {
        this.clients = clients;
    }

    /** The Javalin request as Nimbus's HTTP request, for its parsers. */
    static HTTPRequest httpRequest(Context ctx, String url) {
        var request = new HTTPRequest(HTTPRequest.Method.POST, URI.create(url));
        try {
            if (ctx.contentType() != null) {
                request.setContentType(ctx.contentType());
            }
        } catch (ParseException e) {
            throw new TokenError("invalid_request", 400, "bad Content-Type");
        }
        request.setBody(ctx.body());
        if (ctx.header("Authorization") != null) {
            request.setAuthorization(ctx.header("Authorization"));
        }
        return request;
    }

    /** The authenticated client; {@code invalid_client} (401) for a wrong secret or a public client without PKCE rights. */
    Client authenticate(ClientAuthentication authentication, ClientID publicId, boolean publicAllowed) {
        if (authentication instanceof PlainClientSecret secret) {
            return clients.authenticate(secret.getClientID().getValue(), secret.getClientSecret().getValue())
                    .orElseThrow(TokenError::invalidClient);
        }
        if (authentication == null && publicId != null && publicAllowed) {
            return clients.find(publicId.getValue()).filter(Client::isPublic).orElseThrow(TokenError::invalidClient);
        }
        throw TokenError.invalidClient();
    }
}
