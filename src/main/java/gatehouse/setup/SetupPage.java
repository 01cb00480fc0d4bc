package gatehouse.setup;

import java.util.Map;

/** The setup form: the token it was opened with, the entered user name, and a translated message per bad field. */
public record SetupPage(String token, String username, Map<String, String> errors) {

    public String error(String field) {
        return errors.get(field);
    }
}
