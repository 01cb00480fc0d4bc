package gatehouse.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shape ARCHITECTURE.md promises: packages that never import each other back, and short classes. */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(gatehouse(?:\\.[a-z0-9]+)*)\\.[A-Z]",
            Pattern.MULTILINE);
    private static final int MAX_LINES = 250;

    @Test
    void noPackageReachesItselfThroughItsImports() {
        Map<String, Set<String>> imports = packageImports();
        List<String> cycles = new ArrayList<>();
        for (String start : imports.keySet()) {
            for (String next : imports.get(start)) {
                if (reaches(imports, next, start, new TreeSet<>())) {
                    cycles.add(start + " -> " + next + " -> … -> " + start);
                }
            }
        }
        assertEquals(List.of(), cycles);
    }

    @Test
    void theCompositionRootIsImportedByNoPackage() {
        List<String> importers = new ArrayList<>();
        packageImports().forEach((from, to) -> {
            if (!from.equals("gatehouse") && to.contains("gatehouse")) {
                importers.add(from);
            }
        });
        assertEquals(List.of(), importers);
    }

    @Test
    void noClassIsLongerThanAPageOrTwo() {
        List<String> tooLong = javaFiles().filter(file -> lines(file) > MAX_LINES)
                .map(file -> MAIN.relativize(file) + " (" + lines(file) + " lines)").toList();
        assertEquals(List.of(), tooLong);
    }

    private static boolean reaches(Map<String, Set<String>> imports, String from, String target, Set<String> seen) {
        if (from.equals(target)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        for (String next : imports.getOrDefault(from, Set.of())) {
            if (reaches(imports, next, target, seen)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Set<String>> packageImports() {
        Map<String, Set<String>> imports = new TreeMap<>();
        javaFiles().forEach(file -> {
            String pkg = MAIN.relativize(file.getParent()).toString().replace('/', '.');
            Set<String> targets = imports.computeIfAbsent(pkg, p -> new TreeSet<>());
            Matcher m = IMPORT.matcher(SourceFiles.read(file));
            while (m.find()) {
                if (!m.group(1).equals(pkg)) {
                    targets.add(m.group(1));
                }
            }
        });
        return imports;
    }

    private static Stream<Path> javaFiles() {
        return SourceFiles.under(MAIN, ".java").stream();
    }

    private static long lines(Path file) {
        return SourceFiles.read(file).lines().count();
    }
}
