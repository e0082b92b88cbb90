package io.kefu.client.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's Java example and {@link BuyerExample} are the same text, so the example a reader copies
 * is code the build compiles (and the server module's {@code BuyerExampleIT} runs).
 */
class ReadmeExampleTest {
    static final String BEGIN = "// README example begins";
    static final String END = "// README example ends";

    @Test
    void readmeJavaBlockIsTheExampleFile() throws IOException {
        // given: the module directory is Surefire's working directory
        Path module = Path.of("").toAbsolutePath();
        Path readme = module.resolveSibling("README.md");
        Path example = module.resolve("src/test/java/io/kefu/client/example/BuyerExample.java");

        // when
        List<String> block = javaBlockAfter(Files.readAllLines(readme, StandardCharsets.UTF_8), "From Java, use the SDK");
        List<String> region = between(Files.readAllLines(example, StandardCharsets.UTF_8), BEGIN, END);

        // then
        assertThat(region).as("marked region of " + example).isNotEmpty();
        assertThat(block).as("the README's Java example; copy it from " + module.relativize(example)
                + " between the marker lines").isEqualTo(region);
    }

    /** The lines inside the first {@code ```java} block after the line containing {@code anchor}. */
    static List<String> javaBlockAfter(List<String> lines, String anchor) {
        int at = indexOf(lines, 0, l -> l.contains(anchor), "a line containing '" + anchor + "'");
        int open = indexOf(lines, at, l -> l.strip().equals("```java"), "a ```java block after '" + anchor + "'");
        int close = indexOf(lines, open + 1, l -> l.strip().equals("```"), "the end of the ```java block");
        return lines.subList(open + 1, close);
    }

    static List<String> between(List<String> lines, String begin, String end) {
        int from = indexOf(lines, 0, l -> l.strip().equals(begin), "'" + begin + "'");
        int to = indexOf(lines, from + 1, l -> l.strip().equals(end), "'" + end + "'");
        return lines.subList(from + 1, to);
    }

    private static int indexOf(List<String> lines, int from, java.util.function.Predicate<String> test, String what) {
        for (int i = from; i < lines.size(); i++) {
            if (test.test(lines.get(i))) {
                return i;
            }
        }
        throw new AssertionError("not found: " + what);
    }
}
