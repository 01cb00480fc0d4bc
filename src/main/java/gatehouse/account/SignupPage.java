package gatehouse.account;

import gatehouse.web.Page;
import java.util.Map;

/** The sign-up form: entered values (never the passwords) and a translated message per bad field. */
public record SignupPage(String username, ProfileForm values, Map<String, String> errors) implements Page {
    @Override
    public String template() {
        return "signup.jte";
    }

    public static SignupPage blank() {
        return new SignupPage("", ProfileForm.empty(), Map.of());
    }

    public String error(String field) {
        return errors.get(field);
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }
}
