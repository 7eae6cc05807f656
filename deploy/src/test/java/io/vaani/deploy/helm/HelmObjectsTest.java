package io.vaani.deploy.helm;

import static io.vaani.deploy.helm.HelmChart.all;
import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rendered object is the Kubernetes type it claims, and the objects select each other's pods. */
class HelmObjectsTest {
    /** Kinds of custom resources (KEDA, Prometheus Operator) the fabric8 model has no class for. */
    private static final Set<String> CUSTOM_KINDS = Set.of("ScaledObject", "TriggerAuthentication", "ServiceMonitor");

    /** The default values, each fixture, and every toggle at once. */
    static Stream<Arguments> renderings() {
        Stream<Arguments> files = HelmChart.fixtures().stream()
                .map(f -> Arguments.of(f.getFileName().toString(), Optional.of(f), Map.of()));
        Map<String, Object> everything = Map.of("ingress.enabled", "true", "metrics.serviceMonitor.enabled", "true",
                "apiService.autoscaling.enabled", "true", "dialerCore.keda.enabled", "true",
                "agentWorker.keda.enabled", "true", "agentWorker.keda.serverAddress", "http://prometheus:9090");
        return Stream.concat(Stream.of(Arguments.of("defaults", Optional.empty(), Map.of()),
                Arguments.of("every toggle", Optional.empty(), everything)), files);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyObjectParsesAsTheKubernetesTypeItClaims(String name, Optional<Path> values, Map<String, Object> sets) {
        List<HasMetadata> objects = HelmChart.render(values, sets);
        assertThat(objects).isNotEmpty();
        for (HasMetadata object : objects) {
            if (CUSTOM_KINDS.contains(object.getKind())) {
                assertThat(object).isInstanceOf(GenericKubernetesResource.class);
                assertThat(object.getApiVersion()).isIn("keda.sh/v1alpha1", "monitoring.coreos.com/v1");
            } else {
                assertThat(object.getClass().getSimpleName()).as(object.getApiVersion()).isEqualTo(object.getKind());
                // A misspelt or misplaced field lands in the model's additional properties instead of failing.
                assertThat(unknownFields(object, "")).as(object.getKind() + "/" + object.getMetadata().getName()).isEmpty();
            }
            assertThat(object.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", HelmChart.RELEASE)
                    .containsEntry("app.kubernetes.io/name", "vaani");
        }
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void servicesPdbsAndScalersSelectExactlyTheirComponentsPods(String name, Optional<Path> values, Map<String, Object> sets) {
        List<HasMetadata> objects = HelmChart.render(values, sets);
        List<Deployment> deployments = all(objects, Deployment.class);
        for (Deployment deployment : deployments) {
            Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
            assertThat(selector).containsKeys("app.kubernetes.io/instance", "app.kubernetes.io/component");
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(selector);
            assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                    .allSatisfy(c -> assertThat(c.getLabelSelector().getMatchLabels()).isEqualTo(selector));
            // No two Deployments' pods answer one selector.
            assertThat(deployments).filteredOn(other -> other != deployment)
                    .noneMatch(other -> selects(selector, other));
        }
        for (Service service : all(objects, Service.class)) {
            assertThat(deployments).as(service.getMetadata().getName())
                    .filteredOn(d -> selects(service.getSpec().getSelector(), d)).singleElement()
                    .satisfies(d -> assertThat(d.getMetadata().getName()).isEqualTo(service.getMetadata().getName()));
        }
        for (PodDisruptionBudget pdb : all(objects, PodDisruptionBudget.class)) {
            assertThat(deployments).as(pdb.getMetadata().getName())
                    .filteredOn(d -> selects(pdb.getSpec().getSelector().getMatchLabels(), d)).singleElement()
                    .satisfies(d -> assertThat(d.getMetadata().getName()).isEqualTo(pdb.getMetadata().getName()));
        }
        List<String> deploymentNames = deployments.stream().map(d -> d.getMetadata().getName()).toList();
        all(objects, HorizontalPodAutoscaler.class).forEach(
                hpa -> assertThat(deploymentNames).contains(hpa.getSpec().getScaleTargetRef().getName()));
        all(objects, GenericKubernetesResource.class).stream().filter(o -> o.getKind().equals("ScaledObject"))
                .forEach(so -> assertThat(deploymentNames).contains(so.<String>get("spec", "scaleTargetRef", "name")));
    }

    /**
     * helm-java renders a release's manifest without its hooks, so the migration Job is checked on a
     * copy of the chart whose hook annotations are removed; that they are there is checked on the file.
     */
    @Test
    void theMigrationJobRunsApiServiceUntilMigratedBeforeInstallAndUpgrade() throws Exception {
        String template = Files.readString(HelmChart.DIR.resolve("templates/migrations-job.yaml"));
        assertThat(template).contains("helm.sh/hook: pre-install,pre-upgrade");
        Path copy = HelmChart.copy(text -> text.replaceAll("(?m)^\\s*helm\\.sh/hook.*$\\n", ""));
        List<HasMetadata> objects;
        try {
            objects = HelmChart.parse(HelmChart.template(copy, Optional.of(HelmChart.DIR.resolve("ci/production-values.yaml")), Map.of()));
        } finally {
            HelmChart.delete(copy);
        }
        Job job = HelmChart.named(objects, Job.class, "demo-vaani-migrations");
        var pod = job.getSpec().getTemplate().getSpec();
        var container = pod.getContainers().getFirst();
        assertThat(container.getImage()).isEqualTo("registry.example.com/vaani/api-service:1.4.2");
        assertThat(container.getEnv()).contains(new EnvVar("QUARKUS_FLYWAY_MIGRATE_AT_START", "true", null),
                new EnvVar("QUARKUS_INIT_AND_EXIT", "true", null),
                new EnvVar("VAANI_DB_URL", "postgresql://vaani.cluster-abc.eu-west-1.rds.amazonaws.com:5432/vaani", null));
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        // The hook runs before the release's Secret exists: its secrets come from a hook Secret with the same data.
        Secret hookSecret = HelmChart.named(objects, Secret.class, "demo-vaani-migrations");
        assertThat(hookSecret.getData()).isEqualTo(HelmChart.named(objects, Secret.class, "demo-vaani").getData());
        assertThat(container.getEnv()).filteredOn(e -> e.getValueFrom() != null).isNotEmpty().allSatisfy(e -> {
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("demo-vaani-migrations");
            assertThat(hookSecret.getData()).containsKey(e.getValueFrom().getSecretKeyRef().getKey());
        });
    }

    @Test
    void theNotesTellHowToReachTheApiAndScaleAComponent() {
        String output = new Helm(HelmChart.DIR).install().withName(HelmChart.RELEASE)
                .withNamespace("vaani").withKubeVersion(HelmChart.KUBE_VERSION).clientOnly().dryRun().call().getOutput();
        assertThat(output).contains("kubectl --namespace vaani port-forward service/demo-vaani-api-service 8080:80",
                "kubectl --namespace vaani scale deployment/demo-vaani-dialer-core --replicas=3");
    }

    private static boolean selects(Map<String, String> selector, Deployment deployment) {
        return !selector.isEmpty()
                && deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet());
    }

    /** Paths of the fields the model did not know, found through every getAdditionalProperties of the object graph. */
    private static List<String> unknownFields(Object root, String path) {
        List<String> unknown = new ArrayList<>();
        walk(root, path, unknown, new IdentityHashMap<>());
        return unknown;
    }

    private static void walk(Object node, String path, List<String> unknown, IdentityHashMap<Object, Boolean> seen) {
        if (node == null || seen.put(node, true) != null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, unknown, seen));
            return;
        }
        if (!node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            try {
                Object value = getter.invoke(node);
                if (getter.getName().equals("getAdditionalProperties")) {
                    ((Map<?, ?>) value).keySet().forEach(k -> unknown.add(path + "." + k));
                } else {
                    walk(value, path + "." + getter.getName().substring(3), unknown, seen);
                }
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(getter.toString(), e);
            }
        }
    }
}
