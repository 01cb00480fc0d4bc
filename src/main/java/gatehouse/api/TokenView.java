package gatehouse.api;

/**
 * The tokens a login or refresh hands out. {@code refreshToken} is absent when a refresh fell in the
 * grace period of a parallel refresh: the client keeps the refresh token that the other call returned.
 */
public record TokenView(String accessToken, String refreshToken, String tokenType, long expiresIn) {
    public static final String BEARER = "Bearer";
}
