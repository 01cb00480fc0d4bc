package gatehouse.api;

/**
 * The tokens a login or refresh hands out. {@code refreshToken} is absent when a refresh fell in the
 * grace period of a parallel refresh: the client keeps the refresh token that the other call returned.
 * {@code passwordChangeRequired} is present (true) only on a login with an imported password that breaks
 * today's rules: the login succeeds, and the client should send the member to change it. {@code deviceToken}
 * comes with a login only: the client sends it back with its next login (see {@code LoginDevices}).
 */
public record TokenView(String accessToken, String refreshToken, String tokenType, long expiresIn,
                        Boolean passwordChangeRequired, String deviceToken) {
    public static final String BEARER = "Bearer";
}
