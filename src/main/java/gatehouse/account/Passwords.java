package gatehouse.account;

import com.nulabinc.zxcvbn.Zxcvbn;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import gatehouse.domain.Busy;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.mindrot.jbcrypt.BCrypt;

/**
 * Password hashing and the strength rules. bcrypt reads only 72 bytes, so the password is first
 * reduced with HMAC-SHA-384 under the server's pepper and base64-encoded (64 characters): long and
 * non-ASCII passwords are never truncated, and a stolen database alone cannot be cracked offline.
 */
public final class Passwords {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    /** zxcvbn scores 0 to 4; 3 means "safely unguessable: moderate protection from offline attacks". */
    private static final int MIN_SCORE = 3;
    /** The characters zxcvbn measures; see {@link #strengthProblem}. */
    static final int STRENGTH_PREFIX = 48;

    /** How many hashes may wait per hashing thread before callers are told to come back later. */
    static final int QUEUED_PER_THREAD = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec pepper;
    private final int cost;
    /**
     * Every bcrypt runs here, at most one per core at a time: a login storm then queues for these threads
     * instead of taking every core from the requests that need no password (token checks, pages). A full
     * queue answers {@link Busy} (503) rather than letting waits grow without bound.
     */
    private final ThreadPoolExecutor hashing;
    /**
     * Checked against when a user name is unknown, so that unknown names cost what wrong passwords cost.
     * A check costs the same whatever the hash says (bcrypt hashes the password with the stored salt at the
     * stored cost, then compares), so this is a fresh salt at the configured cost and random digest
     * characters: no password is hashed to make it, which took a core for a quarter of a second at start.
     */
    private final String dummyHash;

    public Passwords(byte[] pepper, int cost) {
        this(pepper, cost, Runtime.getRuntime().availableProcessors());
    }

    /** @param threads how many hashes run at once (the number of cores, outside tests) */
    public Passwords(byte[] pepper, int cost, int threads) {
        this.pepper = new SecretKeySpec(pepper, "HmacSHA384");
        this.cost = cost;
        AtomicInteger count = new AtomicInteger();
        this.hashing = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads * QUEUED_PER_THREAD), work -> {
                    Thread thread = new Thread(work, "bcrypt-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.dummyHash = BCrypt.gensalt(cost) + randomDigest();
    }

    /** zxcvbn with its dictionaries, loaded on the first strength check (a sign-up), not at start. */
    private static final class Strength {
        static final Zxcvbn ZXCVBN = new Zxcvbn();
    }

    /** How a password compares with a stored hash. */
    public enum Match {
        NO,
        YES,
        /** Right, but the hash was made before passwords were normalised: make it again. */
        YES_UNNORMALISED
    }

    /**
     * The form every password is hashed and checked in: Unicode NFKC, so that one password typed as
     * composed or decomposed characters (macOS and Windows keyboards differ), or with full-width letters,
     * is one password.
     */
    public static String normalise(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    public String hash(String password) {
        String prehashed = prehash(normalise(password));
        return onPool(() -> BCrypt.hashpw(prehashed, BCrypt.gensalt(cost)));
    }

    /** True when {@code password} matches {@code hash}; a malformed or foreign hash never matches. */
    public boolean matches(String password, String hash) {
        return check(password, hash) != Match.NO;
    }

    /**
     * Checks the normalised password, then, only when normalising changed it, the password as typed (a
     * hash made before normalisation). Unknown names go through the same steps ({@link #matchNobody}).
     */
    public Match check(String password, String hash) {
        String normalised = normalise(password);
        if (checkpw(normalised, hash)) {
            return Match.YES;
        }
        return !normalised.equals(password) && checkpw(password, hash) ? Match.YES_UNNORMALISED : Match.NO;
    }

    private boolean checkpw(String password, String hash) {
        String prehashed = prehash(password);
        return onPool(() -> {
            try {
                return BCrypt.checkpw(prehashed, hash);
            } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
                return false;
            }
        });
    }

    /** How many hashes wait for a thread now (for tests). */
    int waiting() {
        return hashing.getQueue().size();
    }

    /** How many may wait before callers get {@link Busy}. */
    int queueCapacity() {
        return hashing.getQueue().size() + hashing.getQueue().remainingCapacity();
    }

    /** Runs one bcrypt on the hashing threads and waits for it; {@link Busy} when too many are waiting already. */
    public <T> T onPool(Callable<T> bcrypt) {
        Future<T> result;
        try {
            result = hashing.submit(bcrypt);
        } catch (RejectedExecutionException e) {
            throw new Busy("password hashing");
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Spends the time of one check, for a user name that does not exist. */
    public void matchNobody(String password) {
        matches(password, dummyHash);
    }

    /** True when the hash was made at another cost than the configured one. */
    public boolean needsRehash(String hash) {
        return costOf(hash) != cost;
    }

    public int cost() {
        return cost;
    }

    /** The cost a bcrypt hash was made at; -1 for anything else. */
    public static int costOf(String hash) {
        try {
            return Integer.parseInt(hash.substring(4, 6));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * The message key of the first rule {@code password} breaks, or empty when it is acceptable.
     *
     * @param personal words the password must not be built from (user name, name, nickname)
     */
    public Optional<String> problem(String typed, List<String> personal) {
        return ruleProblem(typed, personal).or(() -> strengthProblem(typed, personal));
    }

    /** The cheap rules only (length, personal words): for when the expensive one need not run yet. */
    public Optional<String> ruleProblem(String typed, List<String> personal) {
        String password = normalise(typed);
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("error.password.short");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("error.password.long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        for (String word : personal) {
            if (word != null && word.length() >= 3 && lower.contains(word.toLowerCase(Locale.ROOT))) {
                return Optional.of("error.password.personal");
            }
        }
        return Optional.empty();
    }

    /**
     * zxcvbn's verdict, on the first {@value #STRENGTH_PREFIX} characters: its time grows steeply with the
     * length (seconds for 128 random characters), and a prefix that strong makes the whole password strong.
     */
    private Optional<String> strengthProblem(String typed, List<String> personal) {
        String password = normalise(typed);
        int end = password.offsetByCodePoints(0, Math.min(STRENGTH_PREFIX, password.codePointCount(0, password.length())));
        List<String> hints = personal.stream().filter(w -> w != null && !w.isBlank()).toList();
        if (Strength.ZXCVBN.measure(password.substring(0, end), hints).getScore() < MIN_SCORE) {
            return Optional.of("error.password.weak");
        }
        return Optional.empty();
    }

    /** The 31 characters of a bcrypt digest, from bcrypt's base-64 alphabet. */
    private static String randomDigest() {
        String alphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder digest = new StringBuilder(31);
        for (int i = 0; i < 31; i++) {
            digest.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return digest.toString();
    }

    private String prehash(String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA384");
            mac.init(pepper);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
