package gatehouse.account;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The profile fields as entered (form or JSON), before validation. Only these fields are ever read, so
 * extra input (a {@code role}, say) cannot be mass-assigned.
 */
public record ProfileForm(
        String name,
        String nickname,
        String introduction,
        String phone,
        String birthday,
        String gender,
        Boolean privacyConsent) {

    private static final Pattern PHONE = Pattern.compile("[0-9 +\\-]{1,20}");
    private static final LocalDate EARLIEST_BIRTHDAY = LocalDate.of(1900, 1, 1);

    public static ProfileForm empty() {
        return new ProfileForm("", "", "", "", "", Gender.UNDISCLOSED.name(), false);
    }

    public static ProfileForm of(Profile profile) {
        return new ProfileForm(profile.name(), profile.nickname(), nullToEmpty(profile.introduction()),
                nullToEmpty(profile.phone()), profile.birthday() == null ? "" : profile.birthday().toString(),
                profile.gender().name(), profile.privacyConsent());
    }

    /**
     * Checks every rule, adding a message key per bad field to {@code errors}, and returns the profile
     * these values make (meaningful only when no error was added).
     *
     * @param previous the stored profile, whose consent time is kept while consent stays given
     */
    public Profile validate(UUID userId, Profile previous, Clock clock, Map<String, String> errors) {
        String cleanName = trimmed(name);
        String cleanNickname = trimmed(nickname);
        String cleanIntroduction = trimmed(introduction);
        String cleanPhone = trimmed(phone);
        checkLength("name", cleanName, 1, 50, errors);
        checkLength("nickname", cleanNickname, 1, 30, errors);
        checkLength("introduction", cleanIntroduction, 0, 200, errors);
        checkCharacters("name", cleanName, false, errors);
        checkCharacters("nickname", cleanNickname, false, errors);
        checkCharacters("introduction", cleanIntroduction, true, errors);
        if (!cleanPhone.isEmpty() && !PHONE.matcher(cleanPhone).matches()) {
            errors.put("phone", "error.phone.invalid");
        }
        LocalDate birthdayDate = parseBirthday(clock, errors);
        Gender genderValue = Gender.UNDISCLOSED;
        String cleanGender = trimmed(gender);
        if (!cleanGender.isEmpty()) {
            try {
                genderValue = Gender.valueOf(cleanGender.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("gender", "error.gender.invalid");
            }
        }
        boolean consent = Boolean.TRUE.equals(privacyConsent);
        Instant consentAt = !consent ? null
                : previous != null && previous.privacyConsent() ? previous.privacyConsentAt() : clock.instant();
        return new Profile(userId, cleanName, cleanNickname, emptyToNull(cleanIntroduction), emptyToNull(cleanPhone),
                birthdayDate, genderValue, consent, consentAt);
    }

    private LocalDate parseBirthday(Clock clock, Map<String, String> errors) {
        String text = trimmed(birthday);
        if (text.isEmpty()) {
            return null;
        }
        try {
            if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new DateTimeParseException("not YYYY-MM-DD", text, 0);
            }
            LocalDate date = LocalDate.parse(text);
            if (date.isAfter(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1))) {
                errors.put("birthday", "error.birthday.future");
            } else if (date.isBefore(EARLIEST_BIRTHDAY)) {
                errors.put("birthday", "error.birthday.early");
            }
            return date;
        } catch (DateTimeParseException e) {
            errors.put("birthday", "error.birthday.format");
            return null;
        }
    }

    static void checkLength(String field, String value, int min, int max, Map<String, String> errors) {
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            errors.put(field, "error." + field + ".required");
        } else if (length > max) {
            errors.put(field, "error." + field + ".long");
        }
    }

    /**
     * Refuses control characters (NUL, ESC, ...; line breaks and tabs only where text has lines) and the
     * bidirectional controls, which make a name read differently from what it is (U+202E turns
     * "alice\u202Eevil" around) in the admin table, the audit log and other members' screens.
     */
    static void checkCharacters(String field, String value, boolean lines, Map<String, String> errors) {
        boolean refused = value.codePoints().anyMatch(c -> isBidiControl(c)
                || Character.getType(c) == Character.CONTROL && !(lines && (c == '\n' || c == '\r' || c == '\t')));
        if (refused) {
            errors.putIfAbsent(field, "error.text.control");
        }
    }

    private static boolean isBidiControl(int c) {
        return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    static String trimmed(String value) {
        return value == null ? "" : value.strip();
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
