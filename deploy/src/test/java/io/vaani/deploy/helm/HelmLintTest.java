package io.vaani.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** helm lint --strict passes for the default values and every CI fixture, and every value is documented. */
class HelmLintTest {

    static Stream<Path> fixtures() {
        return HelmChart.fixtures().stream();
    }

    @Test
    void theFixturesCoverMinimalProductionAndExistingSecrets() {
        assertThat(HelmChart.fixtures()).extracting(p -> p.getFileName().toString())
                .contains("minimal-values.yaml", "production-values.yaml", "existing-secrets-values.yaml");
    }

    @Test
    void lintStrictPassesWithTheDefaultValues() throws Exception {
        LintResult result = HelmChart.lintStrict(Optional.empty());
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void lintStrictPassesWithEachFixture(Path fixture) throws Exception {
        LintResult result = HelmChart.lintStrict(Optional.of(fixture));
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void lintStrictFailsOnAValueOfTheWrongType() throws Exception {
        Path fixture = Files.createTempFile("wrong-type", "-values.yaml");
        try {
            Files.writeString(fixture, "dialerCore:\n  replicas: three\n");
            LintResult result = HelmChart.lintStrict(Optional.of(fixture));
            assertThat(result.isFailed()).isTrue();
            assertThat(String.join("\n", result.getMessages())).contains("/dialerCore/replicas", "want integer");
        } finally {
            Files.delete(fixture);
        }
    }

    /**
     * values.yaml is documented line by line: every key with a value of its own has a "# -- "
     * comment right above it; the keys inside a value documented as a whole (resources, a
     * security context) belong to it.
     */
    @Test
    void everyValueIsDocumentedRightAboveIt() throws Exception {
        List<String> lines = Files.readAllLines(HelmChart.DIR.resolve("values.yaml"));
        Pattern key = Pattern.compile("^(\\s*)([A-Za-z][\\w-]*):\\s*(.*)$");
        List<String> undocumented = new ArrayList<>();
        int wholeAt = -1; // indentation of the value documented as a whole we are inside, or -1
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = key.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            int indent = m.group(1).length();
            if (wholeAt >= 0 && indent > wholeAt) {
                continue;
            }
            wholeAt = -1;
            boolean documented = i > 0 && lines.get(i - 1).trim().startsWith("# -- ");
            if (m.group(3).isEmpty()) {
                wholeAt = documented ? indent : -1;
            } else if (!documented) {
                undocumented.add((i + 1) + ": " + lines.get(i).trim());
            }
        }
        assertThat(undocumented).isEmpty();
    }
}
