package gatehouse.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each page record names its template ({@code gatehouse.web.Page#template}), and that template shows that
 * record: a renamed record or template, or a template given the wrong record, fails here instead of at the
 * first visit of the page.
 */
class PageTemplatesTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Path TEMPLATES = Path.of("templates");
    private static final Pattern PAGE_RECORD = Pattern.compile("public record (\\w+)\\([^{]*\\bimplements Page\\b");
    private static final Pattern TEMPLATE_NAME = Pattern.compile("String template\\(\\) \\{\\s*return \"([^\"]+)\";");
    private static final Pattern PAGE_PARAM = Pattern.compile("^@param (\\w+) page$", Pattern.MULTILINE);

    @Test
    void every_page_record_names_a_template_that_takes_that_record() {
        Map<String, String> templates = templateOfEachPageRecord();
        assertTrue(templates.size() >= 16, "the scan found the page records: " + templates);
        List<String> problems = new ArrayList<>();
        templates.forEach((record, template) -> {
            Path file = TEMPLATES.resolve(template);
            if (!Files.exists(file)) {
                problems.add(record + " names " + template + ", which does not exist");
            } else if (!pageParams(SourceFiles.read(file)).equals(List.of(record))) {
                problems.add(record + " names " + template + ", which takes " + pageParams(SourceFiles.read(file)));
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void every_template_with_a_page_is_named_by_its_record() {
        Map<String, String> templates = templateOfEachPageRecord();
        List<String> problems = new ArrayList<>();
        SourceFiles.under(TEMPLATES, ".jte").forEach(file -> {
            String name = TEMPLATES.relativize(file).toString().replace('\\', '/');
            String template = SourceFiles.read(file);
            if (!template.contains("\n@param Layout layout\n")) {
                return; // not a page: a partial, whose own "page" (tag/pager.jte) is a number
            }
            for (String record : pageParams(template)) {
                if (!name.equals(templates.get(record))) {
                    problems.add(name + " takes " + record + ", which names " + templates.get(record));
                }
            }
        });
        assertEquals(List.of(), problems);
    }

    private static Map<String, String> templateOfEachPageRecord() {
        Map<String, String> templates = new TreeMap<>();
        SourceFiles.under(MAIN, ".java").forEach(file -> {
            String source = SourceFiles.read(file);
            Matcher record = PAGE_RECORD.matcher(source);
            if (record.find()) {
                Matcher template = TEMPLATE_NAME.matcher(source);
                templates.put(record.group(1), template.find() ? template.group(1) : "(no template named)");
            }
        });
        return templates;
    }

    private static List<String> pageParams(String template) {
        return PAGE_PARAM.matcher(template).results().map(m -> m.group(1)).toList();
    }

}
