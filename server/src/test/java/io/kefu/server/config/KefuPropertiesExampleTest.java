package io.kefu.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's {@code conf/kefu.properties.example} lists every setting of {@link KefuConfig}, each with
 * a comment and its real default, so the file cannot fall behind the config code.
 */
class KefuPropertiesExampleTest {
    /** Surefire runs in the module directory. */
    private static final Path EXAMPLE = Path.of("src/dist/conf/kefu.properties.example");
    /** A setting line: commented out, key directly after the '#'. Comment lines have a space after it. */
    private static final Pattern SETTING = Pattern.compile("#([a-z][A-Za-z0-9]*)=(.*)");

    @TempDir
    Path dir;

    @Test
    void listsEverySettingOfKefuConfigOnce() throws IOException {
        List<String> settings = Arrays.stream(KefuConfig.class.getRecordComponents())
                .map(RecordComponent::getName).toList();

        List<String> keys = settingLines().stream().map(m -> m.group(1)).toList();

        assertThat(keys).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(settings);
    }

    @Test
    void everyValueIsTheDefaultAndEveryKeyIsOneTheLoaderAccepts() throws Exception {
        Map<String, String> example = new LinkedHashMap<>();
        settingLines().forEach(m -> example.put(m.group(1), m.group(2)));
        Path file = dir.resolve("kefu.properties");
        Files.write(file, example.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());

        // An unknown key would throw here, naming it.
        KefuConfig loaded = KefuConfig.load(file, Map.of());

        SoftAssertions softly = new SoftAssertions();
        for (RecordComponent c : KefuConfig.class.getRecordComponents()) {
            softly.assertThat(c.getAccessor().invoke(loaded))
                    .as("%s=%s in the example", c.getName(), example.get(c.getName()))
                    .isEqualTo(c.getAccessor().invoke(KefuConfig.DEFAULT));
        }
        softly.assertAll();
    }

    @Test
    void everyLineIsCommentedAndEverySettingHasAOneLineCommentAboveIt() throws IOException {
        List<String> lines = Files.readAllLines(EXAMPLE, StandardCharsets.UTF_8);

        SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            softly.assertThat(line).as("line %d", i + 1).matches(l -> l.isEmpty() || l.startsWith("#"), "commented");
            if (SETTING.matcher(line).matches()) {
                softly.assertThat(i > 0 ? lines.get(i - 1) : "").as("comment above line %d (%s)", i + 1, line)
                        .startsWith("# ").hasSizeGreaterThan(10);
            }
        }
        softly.assertAll();
    }

    private static List<Matcher> settingLines() throws IOException {
        return Files.readAllLines(EXAMPLE, StandardCharsets.UTF_8).stream()
                .map(SETTING::matcher).filter(Matcher::matches).toList();
    }
}
