package gatehouse.secondfactor;

import gatehouse.account.Accounts;
import gatehouse.audit.AuditEvent;
import gatehouse.audit.AuditLog;
import gatehouse.session.RefreshTokens;
import gatehouse.domain.ActionRefused;
import gatehouse.domain.ValidationException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member's second factor: enrolment (a secret that becomes active only after a valid code), checking a
 * code or a recovery code (each accepted once), turning it off and new recovery codes (both with password
 * and code). Secrets are sealed at rest and leave the server only while being enrolled.
 */
public final class SecondFactors {
    private static final Logger LOG = LoggerFactory.getLogger(SecondFactors.class);
    /** The name authenticator apps list the account under. */
    public static final String ISSUER = "Gatehouse";
    /** How long an enrolment form may be answered (scanning and typing a code takes a minute or two). */
    static final Duration ENROLMENT_TIME = Duration.ofMinutes(30);

    /** A secret on offer: as text, as the URI the QR code holds, and sealed for the form that activates it. */
    public record Enrolment(String secret, String uri, String sealed) {}

    /** Which kind of code a member proved the second factor with. */
    public enum Proof { CODE, RECOVERY_CODE }

    private final SecondFactorDao factors;
    private final SecretBox secrets;
    private final SecretBox enrolments;
    private final RecoveryCodes recoveryCodes;
    private final Totp totp = new Totp();
    private final Accounts accounts;
    private final RefreshTokens refreshTokens;
    private final AuditLog audit;
    private final Clock clock;

    /** @param rootSecret the server's secret material (the pepper); the keys used here are derived from it */
    public SecondFactors(SecondFactorDao factors, byte[] rootSecret, Accounts accounts, RefreshTokens refreshTokens,
                         AuditLog audit, Clock clock) {
        this.factors = factors;
        this.secrets = new SecretBox(rootSecret, "second-factor secret");
        this.enrolments = new SecretBox(rootSecret, "second-factor enrolment");
        this.recoveryCodes = new RecoveryCodes(rootSecret);
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
        this.audit = audit;
        this.clock = clock;
    }

    public boolean isOn(UUID userId) {
        return factors.find(userId).isPresent();
    }

    public int unusedRecoveryCodes(UUID userId) {
        return factors.unusedRecoveryCodes(userId);
    }

    /** A new secret to enrol, not stored anywhere yet: the form carries it sealed to this member. */
    public Enrolment newEnrolment(UUID userId, String username) {
        byte[] secret = Totp.newSecret();
        long expires = clock.instant().plus(ENROLMENT_TIME).getEpochSecond();
        byte[] payload = ByteBuffer.allocate(secret.length + Long.BYTES).put(secret).putLong(expires).array();
        return new Enrolment(Totp.base32(secret), Totp.uri(ISSUER, username, secret),
                enrolments.seal(payload, "enrol:" + userId));
    }

    /** The enrolment a form carried, to show the same secret again after a wrong code; empty when stale. */
    public Optional<Enrolment> reopen(UUID userId, String username, String sealed) {
        return enrolledSecret(userId, sealed)
                .map(secret -> new Enrolment(Totp.base32(secret), Totp.uri(ISSUER, username, secret), sealed));
    }

    /**
     * Turns the factor on when {@code code} is valid for the enrolment's secret; returns the recovery codes,
     * which exist in clear text only in this answer.
     */
    public List<String> activate(UUID userId, String sealed, String code, String ip) {
        if (isOn(userId)) {
            throw new ActionRefused("error.secondFactor.alreadyOn");
        }
        byte[] secret = enrolledSecret(userId, sealed)
                .orElseThrow(() -> ValidationException.of("code", "error.secondFactor.enrolmentExpired"));
        Instant now = clock.instant();
        OptionalLong step = totp.matchingStep(secret, normalizeCode(code), now, null);
        if (step.isEmpty()) {
            audit.record(AuditEvent.SECOND_FACTOR_FAILURE, userId, userId, ip, "wrong code at enrolment");
            throw ValidationException.of("code", "error.secondFactor.code");
        }
        List<String> codes = recoveryCodes.newSet();
        var factor = new StoredFactor(userId, secrets.seal(secret, userId.toString()), now, step.getAsLong());
        try {
            factors.activate(factor, codes.stream().map(recoveryCodes::hash).toList());
            accounts.forgetMember(userId);
        } catch (UnableToExecuteStatementException e) {
            // Two activations at once: the primary key lets one in.
            throw new ActionRefused("error.secondFactor.alreadyOn");
        }
        audit.record(AuditEvent.SECOND_FACTOR_ENABLED, userId, userId, ip, null);
        return codes;
    }

    /**
     * Checks and uses up a code from the authenticator (this step or one step either side, later than the
     * last one used) or an unused recovery code. Empty when neither; every failure is audited.
     */
    public Optional<Proof> verify(UUID userId, String input, String ip) {
        Optional<StoredFactor> stored = factors.find(userId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        String code = normalizeCode(input);
        if (code.matches("\\d{" + Totp.DIGITS + "}")) {
            return verifyCode(stored.get(), code, ip);
        }
        if (RecoveryCodes.looksLikeOne(input)
                && factors.useRecoveryCode(userId, recoveryCodes.hash(input), clock.instant()) == 1) {
            int left = factors.unusedRecoveryCodes(userId);
            audit.record(AuditEvent.RECOVERY_CODE_USED, userId, userId, ip, left + " recovery codes left");
            return Optional.of(Proof.RECOVERY_CODE);
        }
        audit.record(AuditEvent.SECOND_FACTOR_FAILURE, null, userId, ip, "wrong or used recovery code");
        return Optional.empty();
    }

    private Optional<Proof> verifyCode(StoredFactor factor, String code, String ip) {
        UUID userId = factor.userId();
        Optional<byte[]> secret = secrets.open(factor.secretSealed(), userId.toString());
        if (secret.isEmpty()) {
            LOG.error("the second-factor secret of {} does not open: was the pepper file replaced?", userId);
            audit.record(AuditEvent.SECOND_FACTOR_FAILURE, null, userId, ip, "stored secret unreadable");
            return Optional.empty();
        }
        Instant now = clock.instant();
        OptionalLong step = totp.matchingStep(secret.get(), code, now, factor.lastUsedStep());
        if (step.isPresent() && factors.useStep(userId, step.getAsLong()) == 1) {
            return Optional.of(Proof.CODE);
        }
        boolean replayed = step.isPresent() || totp.matchingStep(secret.get(), code, now, null).isPresent();
        audit.record(AuditEvent.SECOND_FACTOR_FAILURE, null, userId, ip, replayed ? "code already used" : "wrong code");
        return Optional.empty();
    }

    /**
     * Turns the factor off after checking the password and a current code. Refused for an administrator
     * while administrators must have one.
     */
    public void disable(UUID userId, boolean mustKeep, String password, String code, String ip) {
        if (mustKeep) {
            throw new ActionRefused("error.secondFactor.adminMustKeep");
        }
        confirm(userId, password, code, ip);
        factors.remove(userId);
        accounts.forgetMember(userId);
        audit.record(AuditEvent.SECOND_FACTOR_DISABLED, userId, userId, ip, null);
    }

    /** Replaces the recovery codes after checking the password and a current code; returns the new ones. */
    public List<String> renewRecoveryCodes(UUID userId, String password, String code, String ip) {
        confirm(userId, password, code, ip);
        List<String> codes = recoveryCodes.newSet();
        factors.replaceRecoveryCodes(userId, codes.stream().map(recoveryCodes::hash).toList(), clock.instant());
        audit.record(AuditEvent.RECOVERY_CODES_RENEWED, userId, userId, ip, null);
        return codes;
    }

    /**
     * An administrator removes a member's factor (lost phone and codes) and ends their sessions: the member
     * logs in again with the password alone and enrols again (an administrator is sent to enrolment).
     */
    public boolean reset(UUID actor, UUID userId, String ip) {
        if (actor.equals(userId)) {
            throw new ActionRefused("error.secondFactor.resetSelf");
        }
        if (accounts.member(userId).isEmpty()) {
            throw ActionRefused.noSuchMember();
        }
        boolean had = factors.remove(userId);
        accounts.forgetMember(userId);
        refreshTokens.revokeAllOf(userId, null);
        audit.record(AuditEvent.SECOND_FACTOR_RESET, actor, userId, ip, had ? "removed by an administrator" : "there was none");
        return had;
    }

    /** Password first: a wrong password must not use up the code. */
    private void confirm(UUID userId, String password, String code, String ip) {
        if (!isOn(userId)) {
            throw new ActionRefused("error.secondFactor.notOn");
        }
        if (!accounts.confirmPassword(userId, password, ip)) {
            throw ValidationException.of("password", "error.password.current");
        }
        if (verify(userId, code, ip).isEmpty()) {
            throw ValidationException.of("code", "error.secondFactor.code");
        }
    }

    private Optional<byte[]> enrolledSecret(UUID userId, String sealed) {
        return enrolments.open(sealed, "enrol:" + userId).flatMap(payload -> {
            if (payload.length != Totp.SECRET_BYTES + Long.BYTES) {
                return Optional.empty();
            }
            long expires = ByteBuffer.wrap(payload, Totp.SECRET_BYTES, Long.BYTES).getLong();
            return clock.instant().getEpochSecond() > expires ? Optional.empty()
                    : Optional.of(Arrays.copyOf(payload, Totp.SECRET_BYTES));
        });
    }

    /** Authenticator apps show "123 456": spaces are not part of the code. */
    private static String normalizeCode(String input) {
        return input == null ? "" : input.replaceAll("\\s", "");
    }
}
