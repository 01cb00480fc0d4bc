package gatehouse.oidc;

/** An OAuth error answer of the token, revocation or introspection endpoint (RFC 6749 section 5.2). */
public final class TokenError extends RuntimeException {
    private final String code;
    private final int status;

    public TokenError(String code, int status, String description) {
        super(description);
        this.code = code;
        this.status = status;
    }

    public static TokenError invalidGrant(String description) {
        return new TokenError("invalid_grant", 400, description);
    }

    public static TokenError invalidClient() {
        return new TokenError("invalid_client", 401, "client authentication failed");
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
