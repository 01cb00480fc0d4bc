package gatehouse.oidc;

import gatehouse.audit.AuditEvent;
import gatehouse.audit.AuditLog;
import gatehouse.session.RefreshTokens;
import gatehouse.domain.ActionRefused;
import gatehouse.domain.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Registers, lists, re-keys and deletes clients; checks client secrets. A secret is 256 random bits,
 * shown once and stored only as its SHA-256 hash (a random secret needs no slow hash), compared in
 * constant time.
 */
public final class Clients {
    /** A client just registered or re-keyed: the only time its secret exists on the server (null for public clients). */
    public record Registered(Client client, String clientSecret) {}

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_URIS = 10;

    private final ClientDao clients;
    private final RefreshTokens refreshTokens;
    private final AuditLog audit;
    private final Clock clock;

    public Clients(ClientDao clients, RefreshTokens refreshTokens, AuditLog audit, Clock clock) {
        this.clients = clients;
        this.refreshTokens = refreshTokens;
        this.audit = audit;
        this.clock = clock;
    }

    public Registered register(UUID actor, ClientRequest request, String ip) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            errors.put("name", "error.client.name");
        }
        ClientType type = type(request.type());
        if (type == null) {
            errors.put("type", "error.client.type");
        }
        List<String> redirects = uris(request.redirectUris(), true, "redirectUris", errors);
        List<String> postLogout = uris(request.postLogoutRedirectUris(), false, "postLogoutRedirectUris", errors);
        List<String> scopes = request.scopes() == null || request.scopes().isEmpty() ? Scopes.SUPPORTED
                : request.scopes().stream().map(s -> s == null ? "" : s.strip()).distinct().toList();
        if (!scopes.contains(Scopes.OPENID) || !Scopes.SUPPORTED.containsAll(scopes)) {
            errors.put("scopes", "error.client.scopes");
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String secret = type == ClientType.CONFIDENTIAL ? randomValue() : null;
        var client = new Client(randomValue().substring(0, 22), name, type, secret == null ? null : hash(secret),
                Client.joined(redirects), Client.joined(postLogout), Client.joined(Scopes.allowed(scopes, scopes)),
                Boolean.TRUE.equals(request.alwaysIssueRefreshToken()), clock.instant().truncatedTo(ChronoUnit.MICROS));
        clients.insert(client);
        audit.record(AuditEvent.CLIENT_REGISTERED, actor, null, ip, "client " + client.clientId() + " " + name);
        return new Registered(client, secret);
    }

    public List<Client> list() {
        return clients.all();
    }

    public Optional<Client> find(String clientId) {
        return clientId == null || clientId.length() > 64 ? Optional.empty() : clients.find(clientId);
    }

    /** A new secret for a confidential client; the old one stops working at once. */
    public Registered rotateSecret(UUID actor, String clientId, String ip) {
        Client client = find(clientId).orElseThrow(ActionRefused::noSuchClient);
        if (client.isPublic()) {
            throw ValidationException.of("type", "error.client.publicHasNoSecret");
        }
        String secret = randomValue();
        clients.setSecretHash(clientId, hash(secret));
        audit.record(AuditEvent.CLIENT_SECRET_ROTATED, actor, null, ip, "client " + clientId);
        return new Registered(client, secret);
    }

    /** Deletes the client and revokes every token issued to it. */
    public void delete(UUID actor, String clientId, String ip) {
        if (!clients.delete(clientId, clock.instant())) {
            throw ActionRefused.noSuchClient();
        }
        refreshTokens.forgetAllCachedStates();
        audit.record(AuditEvent.CLIENT_DELETED, actor, null, ip, "client " + clientId);
    }

    /** The confidential client whose secret this is; empty for anything else. */
    public Optional<Client> authenticate(String clientId, String secret) {
        Optional<Client> client = find(clientId);
        if (client.isEmpty() || client.get().isPublic() || secret == null || client.get().secretHash() == null) {
            return Optional.empty();
        }
        boolean matches = MessageDigest.isEqual(hash(secret).getBytes(StandardCharsets.US_ASCII),
                client.get().secretHash().getBytes(StandardCharsets.US_ASCII));
        return matches ? client : Optional.empty();
    }

    private static ClientType type(String value) {
        String name = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        return name.equals("CONFIDENTIAL") ? ClientType.CONFIDENTIAL : name.equals("PUBLIC") ? ClientType.PUBLIC : null;
    }

    /** Absolute http(s) URIs without fragment, at most {@link #MAX_URIS}; compared later by exact match. */
    private static List<String> uris(List<String> given, boolean required, String field, Map<String, String> errors) {
        List<String> uris = given == null ? List.of() : given.stream().map(u -> u == null ? "" : u.strip()).distinct().toList();
        if (required && uris.isEmpty() || uris.size() > MAX_URIS || !uris.stream().allMatch(Clients::isRedirectUri)) {
            errors.put(field, "error.client.uris");
        }
        return uris;
    }

    static boolean isRedirectUri(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return value.length() <= 300 && (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawFragment() == null && !value.contains("\n");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static String hash(String secret) {
        return RefreshTokens.hash(secret);
    }

    private static String randomValue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
