package io.vaani.deploy.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** The chart deploy/helm/vaani, linted and rendered in-process by helm-java, its objects parsed by the fabric8 model. */
final class HelmChart {
    static final Path DIR = Path.of("helm", "vaani").toAbsolutePath();
    static final String RELEASE = "demo";
    /** helm template assumes Kubernetes 1.20 without a cluster; the chart wants 1.25 or later. */
    static final String KUBE_VERSION = "1.31.0";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private HelmChart() {
    }

    static List<Path> fixtures() {
        try (Stream<Path> files = Files.list(DIR.resolve("ci"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-values.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rendered objects, in helm template's order: optional values files, then --set pairs. */
    static List<HasMetadata> render(Optional<Path> valuesFile, Map<String, Object> sets) {
        return parse(template(DIR, valuesFile, sets));
    }

    static List<HasMetadata> render(Map<String, Object> sets) {
        return render(Optional.empty(), sets);
    }

    static String template(Path chart, Optional<Path> valuesFile, Map<String, Object> sets) {
        TemplateCommand template = new Helm(chart).template().withName(RELEASE).withNamespace("vaani")
                .withKubeVersion(KUBE_VERSION);
        valuesFile.ifPresent(template::withValuesFile);
        sets.forEach(template::set);
        return template.call();
    }

    /** helm lint --strict of the chart with these values over its values.yaml, as `helm lint -f` merges them. */
    static LintResult lintStrict(Optional<Path> valuesFile) throws IOException {
        if (valuesFile.isEmpty()) {
            return new Helm(DIR).lint().strict().call();
        }
        // helm-java's lint takes no values file: lint a copy whose values.yaml is the defaults merged with the fixture.
        Path copy = copy(text -> text);
        ObjectNode merged = (ObjectNode) YAML.readTree(DIR.resolve("values.yaml").toFile());
        merge(merged, YAML.readTree(valuesFile.get().toFile()));
        YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
        try {
            return new Helm(copy).lint().strict().call();
        } finally {
            delete(copy);
        }
    }

    /** A copy of the chart in a temporary directory, each template's text passed through edit. */
    static Path copy(UnaryOperator<String> edit) throws IOException {
        Path copy = Files.createTempDirectory("vaani-chart").resolve("vaani");
        try (Stream<Path> files = Files.walk(DIR)) {
            for (Path source : files.toList()) {
                Path target = copy.resolve(DIR.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    String text = Files.readString(source);
                    Files.writeString(target, source.getParent().endsWith("templates") ? edit.apply(text) : text);
                }
            }
        }
        return copy;
    }

    static void delete(Path chart) throws IOException {
        try (Stream<Path> files = Files.walk(chart.getParent())) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static List<HasMetadata> parse(String manifest) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : manifest.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
                continue;
            }
            KubernetesResource parsed = Serialization.unmarshal(document);
            objects.add((HasMetadata) parsed);
        }
        return objects;
    }

    static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> type, String name) {
        return all(objects, type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " in " + names(objects)));
    }

    static List<String> names(List<HasMetadata> objects) {
        return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
    }

    private static void merge(ObjectNode target, JsonNode overrides) {
        overrides.properties().forEach(entry -> {
            JsonNode existing = target.get(entry.getKey());
            if (existing instanceof ObjectNode object && entry.getValue().isObject()) {
                merge(object, entry.getValue());
            } else {
                target.set(entry.getKey(), entry.getValue());
            }
        });
    }
}
