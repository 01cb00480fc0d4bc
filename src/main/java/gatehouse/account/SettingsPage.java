package gatehouse.account;

import gatehouse.web.Page;
import java.util.Map;

/**
 * The account settings page: the profile form (values as entered), the password and delete forms, a
 * translated message per bad field, and a notice after a change. Passwords are never echoed back.
 */
public record SettingsPage(String username, ProfileForm values, Map<String, String> errors, String notice)
        implements Page {
    @Override
    public String template() {
        return "settings.jte";
    }

    public String error(String field) {
        return errors.get(field);
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }
}
