package gatehouse.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The build encodes each template's fixed text to UTF-8 once (jte's binaryStaticContent): every precompiled
 * template has its {@code .bin} on the class path, which the generated class loads and
 * {@code gatehouse.web.Pages} copies into its byte output. Without it pages are still right but every
 * request encodes the same text again.
 */
class PrecompiledTemplatesTest {
    private static final String PACKAGE = "/gg/jte/generated/precompiled/";

    @Test
    void every_template_has_its_text_pre_encoded() throws IOException {
        List<Path> templates;
        try (Stream<Path> files = Files.walk(Path.of("templates"))) {
            templates = files.filter(file -> file.toString().endsWith(".jte")).toList();
        }
        assertFalse(templates.isEmpty(), "no templates found under templates/");
        List<String> missing = templates.stream().map(PrecompiledTemplatesTest::binaryResource)
                .filter(resource -> PrecompiledTemplatesTest.class.getResource(resource) == null)
                .toList();
        assertEquals(List.of(), missing);
    }

    /** templates/admin/users.jte is compiled to …/precompiled/admin/JteusersGenerated, with JteusersGenerated.bin. */
    private static String binaryResource(Path template) {
        Path relative = Path.of("templates").relativize(template);
        String name = relative.getFileName().toString().replace(".jte", "");
        String folder = relative.getParent() == null ? "" : relative.getParent().toString().replace('\\', '/') + "/";
        return PACKAGE + folder + "Jte" + name + "Generated.bin";
    }
}
