package gatehouse.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Pretty-prints the token's JSON for the member page. */
final class JsonText {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonText() {}

    static String pretty(String json) {
        try {
            return MAPPER.writeValueAsString(MAPPER.readTree(json));
        } catch (java.io.IOException e) {
            return json;
        }
    }
}
