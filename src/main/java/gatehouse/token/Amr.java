package gatehouse.token;

import java.util.Arrays;
import java.util.List;

/**
 * How a session was opened, as the access token's {@code amr} claim (RFC 8176) says it: {@code pwd}, or
 * {@code pwd} and {@code otp} after a second factor. Stored per session, so a refreshed token says the same.
 */
public final class Amr {
    public static final List<String> PASSWORD = List.of("pwd");
    public static final List<String> PASSWORD_AND_OTP = List.of("pwd", "otp");

    private Amr() {}

    /** The column value: the methods separated by spaces. */
    public static String stored(List<String> methods) {
        return String.join(" ", methods);
    }

    /** The methods of a column value; a session from before the column existed was opened by password. */
    public static List<String> parse(String stored) {
        return stored == null || stored.isBlank() ? PASSWORD : Arrays.stream(stored.trim().split("\\s+")).toList();
    }

    public static boolean hasSecondFactor(List<String> methods) {
        return methods != null && methods.contains("otp");
    }
}
