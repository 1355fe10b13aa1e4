package jgrad.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Use jgrad in your project" snippets are the examples' own build files: every
 * paragraph of its xml block stands, line for line (indentation aside), in examples/maven/pom.xml,
 * and every paragraph of its kotlin block in examples/gradle/build.gradle.kts, which CI builds (the
 * Maven one) against the installed artifacts. A snippet edited on one side only fails here.
 */
class ReadmeDependencySnippetsTest {

    @Test
    void snippetsAreTheExamplesBuildFiles() throws IOException {
        Path readme = ReadmeExampleTest.locate("README.md");
        String text = Files.readString(readme);
        int start = text.indexOf("## Use jgrad in your project");
        assertThat(start).as("README.md has the section 'Use jgrad in your project'").isNotNegative();
        int end = text.indexOf("\n## ", start + 1);
        String section = text.substring(start, end < 0 ? text.length() : end);

        Path root = readme.getParent();
        List<String> pom = trimmedLines(Files.readString(root.resolve("examples/maven/pom.xml")));
        List<String> kts = trimmedLines(Files.readString(root.resolve("examples/gradle/build.gradle.kts")));
        Matcher m = Pattern.compile("```(xml|kotlin)\\n(.*?)```", Pattern.DOTALL).matcher(section);
        int blocks = 0;
        while (m.find()) {
            blocks++;
            List<String> file = m.group(1).equals("xml") ? pom : kts;
            for (String paragraph : m.group(2).strip().split("\\n\\s*\\n")) {
                List<String> lines = trimmedLines(paragraph);
                assertThat(Collections.indexOfSubList(file, lines))
                        .as("README %s snippet starting '%s' is in the example's build file", m.group(1), lines.get(0))
                        .isNotNegative();
            }
        }
        assertThat(blocks).as("xml and kotlin blocks in the section").isEqualTo(2);
    }

    private static List<String> trimmedLines(String s) {
        List<String> out = new ArrayList<>();
        for (String line : s.split("\\n")) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }
}
