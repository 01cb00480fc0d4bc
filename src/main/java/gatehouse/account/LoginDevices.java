package gatehouse.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Device tokens (OWASP "device cookies"): a successful login gives the browser (cookie) or API client (a
 * value it may send back) a token naming a {@link LoginDevice} row, signed with a key derived from the
 * pepper and bound to the member. A login attempt that carries a valid token for that member is throttled
 * only by that device's own failures; attempts without one share the account-wide throttle. So a member's
 * own browser logs in while someone else guesses, and guessing stays as slow as before.
 */
public final class LoginDevices {
    private static final int MAX_TOKEN_LENGTH = 100;

    private final LoginDeviceDao devices;
    private final SecretKeySpec key;
    private final Duration life;
    private final Clock clock;

    /** @param life how long a device stays trusted after its last login; zero turns device tokens off */
    public LoginDevices(LoginDeviceDao devices, byte[] pepper, Duration life, Clock clock) {
        this.devices = devices;
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(pepper, "HmacSHA256"), "gatehouse device token key"),
                "HmacSHA256");
        this.life = life;
        this.clock = clock;
    }

    public Duration life() {
        return life;
    }

    /** The device {@code token} names, when it is genuine, for this member, and still trusted. */
    public Optional<LoginDevice> validFor(String token, UUID userId) {
        if (life.isZero() || token == null || token.length() > MAX_TOKEN_LENGTH || token.indexOf('.') != 36) {
            return Optional.empty();
        }
        UUID id;
        try {
            id = UUID.fromString(token.substring(0, 36));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] expected = signature(id, userId).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, token.substring(37).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return devices.find(id).filter(d -> d.userId().equals(userId) && d.lastLoginAt().plus(life).isAfter(now));
    }

    /** After a successful login: the token to hand back (the same one for a known device), or null when off. */
    public String trust(UUID userId, LoginDevice known) {
        if (life.isZero()) {
            return null;
        }
        Instant now = clock.instant();
        if (known != null) {
            devices.loggedIn(known.id(), now);
            return tokenOf(known.id(), userId);
        }
        devices.forgetOlder(userId, now.minus(life));
        UUID id = UUID.randomUUID();
        devices.insert(new LoginDevice(id, userId, 0, null, now, now));
        return tokenOf(id, userId);
    }

    /**
     * Counts an attempt from {@code device} before its password is checked (see {@link LoginAttempts}); the
     * device's failures and wait after this attempt, or empty when the device must wait.
     */
    Optional<LoginDevice> countAttempt(LoginDevice device) {
        Instant now = clock.instant();
        for (int tries = 0; tries < 5; tries++) {
            Optional<LoginDevice> read = devices.find(device.id());
            if (read.isEmpty() || read.get().isLocked(now)) {
                return Optional.empty();
            }
            int failures = read.get().failedLogins() + 1;
            Duration wait = LoginThrottle.waitAfter(failures);
            Instant lockedUntil = wait.isZero() ? null : now.plus(wait);
            if (devices.countAttempt(device.id(), read.get().failedLogins(), failures, lockedUntil) == 1) {
                return Optional.of(new LoginDevice(device.id(), device.userId(), failures, lockedUntil,
                        device.createdAt(), device.lastLoginAt()));
            }
        }
        return Optional.empty();
    }

    /** A device already vouched for (its token was checked at the password step). */
    public Optional<LoginDevice> byId(UUID id, UUID userId) {
        return devices.find(id).filter(d -> d.userId().equals(userId));
    }

    private String tokenOf(UUID id, UUID userId) {
        return id + "." + signature(id, userId);
    }

    private String signature(UUID id, UUID userId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, id + "|" + userId));
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
