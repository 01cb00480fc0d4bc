package gatehouse.setup;

import gatehouse.web.Page;
import java.util.Map;

/** The setup form: the token it was opened with, the entered user name, and a translated message per bad field. */
public record SetupPage(String token, String username, Map<String, String> errors) implements Page {
    @Override
    public String template() {
        return "setup.jte";
    }

    public String error(String field) {
        return errors.get(field);
    }
}
