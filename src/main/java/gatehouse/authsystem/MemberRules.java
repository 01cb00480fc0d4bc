package gatehouse.authsystem;

import gatehouse.account.Credentials;
import gatehouse.account.Gender;
import gatehouse.account.LegacyPasswords;
import gatehouse.account.Profile;
import gatehouse.account.ProfileForm;
import gatehouse.account.SignupForm;
import gatehouse.account.User;
import gatehouse.domain.Role;
import gatehouse.web.Text;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Today's rules applied to one original member: what Gatehouse stores for them, with a note for every value
 * that breaks a rule but is kept (it is safe to keep), or the reason the member is skipped (a value that
 * cannot be kept as it is). Nothing is changed or dropped silently.
 */
final class MemberRules {
    private static final Pattern USERNAME_CHARACTERS = Pattern.compile("[a-z0-9_.\\-]{1,20}");
    private static final int MAX_PHONE = 20;

    /** A member to create, with what the report should say about it. */
    record Plan(User user, Profile profile, Credentials credentials, String legacyHash, List<String> notes) {}

    /** The member cannot be imported as the original has it. */
    static final class Skip extends Exception {
        Skip(String reason) {
            super(reason, null, false, false);
        }
    }

    private final Text english;
    private final Clock clock;

    MemberRules(Text english, Clock clock) {
        this.english = english;
        this.clock = clock;
    }

    /** The plan for {@code m}, or {@link Skip} with the reason. Whether the member exists already is not asked here. */
    Plan plan(SourceMember m) throws Skip {
        UUID id = uuid(m.userNo());
        if (m.profiles() != 1 || m.details() != 1 || m.passwords() != 1) {
            throw new Skip("expected one row each in profile, authenctication and password; found "
                    + m.profiles() + ", " + m.details() + " and " + m.passwords());
        }
        List<String> notes = new ArrayList<>();
        String username = username(m.userId(), notes);
        Profile profile = profile(id, m, notes);
        String legacyHash = LegacyPasswords.readableByJbcrypt(m.passwordHash())
                .orElseThrow(() -> new Skip("the password is not a bcrypt hash, so no password could ever match it"));
        if (m.joined() == null || m.updated() == null || m.passwordUpdated() == null) {
            throw new Skip("a join, update or password date is before 1970 or missing");
        }
        var user = new User(id, username, Role.MEMBER, m.joined(), m.updated(), null);
        var credentials = new Credentials(id, LegacyPasswords.AWAITING_FIRST_LOGIN, m.passwordUpdated(), 0, null);
        return new Plan(user, profile, credentials, legacyHash, notes);
    }

    static UUID uuid(String userNo) throws Skip {
        try {
            if (userNo.length() == 36) {
                return UUID.fromString(userNo);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new Skip("user_no '" + userNo + "' is not a UUID");
    }

    private static String username(String original, List<String> notes) throws Skip {
        String username = SignupForm.normalizeUsername(original);
        if (!USERNAME_CHARACTERS.matcher(username).matches()) {
            throw new Skip("user name '" + original + "' has characters Gatehouse does not allow (a-z 0-9 _ . -)");
        }
        if (!username.equals(original)) {
            notes.add("user name '" + original + "' is stored as '" + username
                    + "' (Gatehouse user names are lower case; logging in ignores case)");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        SignupForm.checkUsername(username, errors);
        if (!errors.isEmpty()) {
            notes.add("user name '" + username + "' is shorter than today's 4 characters: kept, so the member logs in"
                    + " as before (new members cannot choose such a name)");
        }
        return username;
    }

    private Profile profile(UUID id, SourceMember m, List<String> notes) throws Skip {
        Gender gender = gender(m.sex(), notes);
        boolean consent = consent(m.gatherAgree(), notes);
        String phone = m.cellPhone() == null || m.cellPhone().isEmpty() ? null : m.cellPhone();
        if (phone != null && phone.length() > MAX_PHONE) {
            throw new Skip("cell_phone is " + phone.length() + " characters; Gatehouse keeps at most " + MAX_PHONE);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        new ProfileForm(m.name(), m.nickname(), m.introduction(), phone, m.birthday(), gender.name(), consent)
                .validate(id, null, clock, errors);
        for (Map.Entry<String, String> error : errors.entrySet()) {
            String field = error.getKey();
            String rule = english.get(error.getValue());
            if (error.getValue().endsWith(".long") || error.getValue().equals("error.birthday.format")) {
                throw new Skip(field + " '" + value(m, field) + "' cannot be kept: " + rule);
            }
            notes.add(field + " '" + value(m, field) + "' breaks today's rule (" + rule + "): kept as it was");
        }
        return new Profile(id, m.name() == null ? "" : m.name(), m.nickname() == null ? "" : m.nickname(),
                m.introduction() == null || m.introduction().isEmpty() ? null : m.introduction(), phone,
                birthday(m.birthday()), gender, consent, consent ? m.joined() : null);
    }

    private static Gender gender(Integer sex, List<String> notes) throws Skip {
        if (sex == null) {
            notes.add("no sex recorded: gender UNDISCLOSED");
            return Gender.UNDISCLOSED;
        }
        return switch (sex) {
            case 0 -> Gender.MALE;
            case 1 -> Gender.FEMALE;
            default -> throw new Skip("sex is " + sex + ", neither 0 (male) nor 1 (female)");
        };
    }

    private static boolean consent(Integer gatherAgree, List<String> notes) throws Skip {
        if (gatherAgree == null) {
            notes.add("no gather_agree recorded: no consent");
            return false;
        }
        return switch (gatherAgree) {
            case 0 -> false;
            case 1 -> true;
            default -> throw new Skip("gather_agree is " + gatherAgree + ", neither 0 nor 1");
        };
    }

    /** Only called once validation passed the format: a YYYY-MM-DD date, or none. */
    private static LocalDate birthday(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String value(SourceMember m, String field) {
        return Optional.ofNullable(switch (field) {
            case "name" -> m.name();
            case "nickname" -> m.nickname();
            case "introduction" -> m.introduction();
            case "phone" -> m.cellPhone();
            case "birthday" -> m.birthday();
            default -> "";
        }).orElse("");
    }
}
