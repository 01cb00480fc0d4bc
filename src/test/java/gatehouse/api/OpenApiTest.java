package gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import gatehouse.domain.Role;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /api/openapi.json} parses, is consistent in itself, and describes exactly the routes that exist. */
class OpenApiTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static JsonNode document(Api api) {
        var reply = api.send("GET", "/api/openapi.json", null);
        assertEquals(200, reply.status());
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        return reply.json();
    }

    @Test
    void the_document_is_openapi_3_1_and_lists_exactly_the_registered_api_routes() {
        try (Api api = Api.start()) {
            JsonNode doc = document(api);
            assertTrue(doc.path("openapi").asText().startsWith("3.1."), doc.path("openapi").asText());
            assertFalse(doc.path("info").path("title").asText().isEmpty());
            Set<String> documented = new TreeSet<>();
            doc.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) {
                    documented.add(method + " " + path.getKey());
                }
            }));
            Set<String> registered = new TreeSet<>();
            ApiRoutes.of(api.app().javalin()).forEach(r -> registered.add(r.method() + " " + r.path()));
            assertFalse(registered.isEmpty());
            assertEquals(registered, documented);
        }
    }

    @Test
    void every_reference_resolves_and_every_operation_documents_success_and_errors() {
        try (Api api = Api.start()) {
            JsonNode doc = document(api);
            List<String> problems = new ArrayList<>();
            checkReferences(doc, doc, "#", problems);
            Map<String, Role> roles = new java.util.HashMap<>();
            ApiRoutes.of(api.app().javalin()).forEach(r -> roles.put(r.method() + " " + r.path(), r.role()));
            doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
                String where = entry.getKey() + " " + path.getKey();
                JsonNode operation = entry.getValue();
                List<String> codes = new ArrayList<>();
                operation.path("responses").fieldNames().forEachRemaining(codes::add);
                if (codes.stream().noneMatch(c -> c.startsWith("2"))) {
                    problems.add(where + ": no success response");
                }
                if (codes.stream().noneMatch(c -> c.startsWith("4"))) {
                    problems.add(where + ": no error response");
                }
                boolean secured = operation.path("security").size() > 0;
                Role role = roles.get(where);
                if (role != null && secured != (role != Role.ANONYMOUS)) {
                    problems.add(where + ": security does not match role " + role);
                }
                if (role != null && role != Role.ANONYMOUS && !codes.contains("401")) {
                    problems.add(where + ": protected but no 401");
                }
                if (role == Role.ADMIN && !codes.contains("403")) {
                    problems.add(where + ": administrators only but no 403");
                }
                if (operation.has("requestBody") && !codes.containsAll(List.of("400", "413", "415", "422"))) {
                    problems.add(where + ": takes a body but lacks 400/413/415/422");
                }
                Matcher parameter = Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
                while (parameter.find()) {
                    String name = parameter.group(1);
                    boolean declared = false;
                    for (JsonNode p : operation.path("parameters")) {
                        declared |= p.path("in").asText().equals("path") && p.path("name").asText().equals(name);
                    }
                    if (!declared) {
                        problems.add(where + ": path parameter " + name + " not declared");
                    }
                }
            }));
            assertTrue(problems.isEmpty(), String.join("\n", problems));
        }
    }

    @Test
    void the_request_schemas_reject_unknown_fields_as_the_server_does() {
        try (Api api = Api.start()) {
            JsonNode schemas = document(api).path("components").path("schemas");
            for (String name : List.of("SignupRequest", "LoginRequest", "SecondFactorRequest", "RefreshRequest", "ProfilePatch", "PasswordRequest", "RoleRequest")) {
                assertFalse(schemas.path(name).path("additionalProperties").asBoolean(true), name);
            }
            Set<String> member = new TreeSet<>();
            schemas.path("Member").path("properties").fieldNames().forEachRemaining(member::add);
            Set<String> view = new TreeSet<>();
            for (var component : MemberJson.class.getRecordComponents()) {
                view.add(component.getName());
            }
            assertEquals(view, member, "the Member schema lists the fields MemberView writes");
        }
    }

    private static void checkReferences(JsonNode root, JsonNode node, String where, List<String> problems) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && resolve(root, ref.asText()) == null) {
                problems.add(where + ": unresolved " + ref.asText());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var child = it.next();
                checkReferences(root, child.getValue(), where + "/" + child.getKey(), problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkReferences(root, node.get(i), where + "/" + i, problems);
            }
        }
    }

    private static JsonNode resolve(JsonNode root, String ref) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        JsonNode node = root.at(ref.substring(1));
        return node.isMissingNode() ? null : node;
    }
}
