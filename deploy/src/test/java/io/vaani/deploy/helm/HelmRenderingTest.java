package io.vaani.deploy.helm;

import static io.vaani.deploy.helm.HelmChart.all;
import static io.vaani.deploy.helm.HelmChart.named;
import static io.vaani.deploy.helm.HelmChart.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the chart renders: six Deployments from one template, and the optional objects its toggles add. */
class HelmRenderingTest {
    static final List<String> COMPONENTS = List.of("api-service", "dialer-ticker", "dialer-hopper", "dialer-core",
            "scheduler-service", "agent-worker");
    static final String PREFIX = HelmChart.RELEASE + "-vaani-";

    static Stream<Path> fixtures() {
        return HelmChart.fixtures().stream();
    }

    @Test
    void everyComponentRendersAsADeploymentWithProbesResourcesAndSecurityContext() {
        List<HasMetadata> objects = render(Map.of());
        assertThat(all(objects, Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(COMPONENTS.stream().map(c -> PREFIX + c).toList());
        for (String component : COMPONENTS) {
            Deployment deployment = named(objects, Deployment.class, PREFIX + component);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().getFirst();
            assertThat(container.getImage()).isEqualTo("vaani/" + component + ":0.1.0-SNAPSHOT");
            assertThat(container.getPorts()).singleElement()
                    .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8080));
            assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            // The read-only root filesystem leaves /tmp as the only place to write (uploads, Vert.x cache).
            assertThat(container.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
            assertThat(pod.getTopologySpreadConstraints()).extracting(c -> c.getTopologyKey())
                    .containsExactly("kubernetes.io/hostname", "topology.kubernetes.io/zone");
            assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/path", "/q/metrics");
            assertThat(container.getEnvFrom()).anySatisfy(e -> assertThat(e.getConfigMapRef().getName()).isEqualTo("demo-vaani"));
        }
    }

    @Test
    void everyServiceListensOnThePortTheConfigMapGivesIt() {
        List<HasMetadata> objects = render(Map.of());
        assertThat(named(objects, ConfigMap.class, "demo-vaani").getData()).containsEntry("QUARKUS_HTTP_PORT", "8080");
        assertThat(named(objects, Service.class, PREFIX + "api-service").getSpec().getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getPort()).isEqualTo(80));
    }

    @Test
    void agentWorkerHasTimeForItsCallsToDrain() {
        List<HasMetadata> objects = render(Map.of());
        long grace = named(objects, Deployment.class, PREFIX + "agent-worker").getSpec().getTemplate().getSpec()
                .getTerminationGracePeriodSeconds();
        assertThat(grace).isGreaterThanOrEqualTo(600);
        assertThat(named(objects, Deployment.class, PREFIX + "dialer-ticker").getSpec().getTemplate().getSpec()
                .getTerminationGracePeriodSeconds()).isLessThan(grace);
    }

    @Test
    void theDefaultsAddNoOptionalObjects() {
        List<HasMetadata> objects = render(Map.of());
        assertThat(all(objects, HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(all(objects, Ingress.class)).isEmpty();
        assertThat(all(objects, GenericKubernetesResource.class)).isEmpty();
        assertThat(all(objects, PodDisruptionBudget.class)).hasSize(COMPONENTS.size());
        assertThat(all(objects, Service.class)).hasSize(COMPONENTS.size());
    }

    @Test
    void anHpaReplacesTheReplicasOfItsComponent() {
        List<HasMetadata> objects = render(Map.of("apiService.autoscaling.enabled", "true",
                "apiService.autoscaling.maxReplicas", "7"));
        HorizontalPodAutoscaler hpa = named(objects, HorizontalPodAutoscaler.class, PREFIX + "api-service");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(PREFIX + "api-service");
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(7);
        assertThat(named(objects, Deployment.class, PREFIX + "api-service").getSpec().getReplicas()).isNull();
        assertThat(named(objects, Deployment.class, PREFIX + "dialer-core").getSpec().getReplicas()).isEqualTo(1);
        assertThat(all(objects, HorizontalPodAutoscaler.class)).hasSize(1);
    }

    @Test
    void kedaScalesDialerCoreOnItsQueueAndAgentWorkerOnItsLoad() {
        List<HasMetadata> objects = render(Map.of("dialerCore.keda.enabled", "true", "agentWorker.keda.enabled", "true",
                "agentWorker.keda.serverAddress", "http://prometheus:9090"));
        GenericKubernetesResource dialerCore = named(objects, GenericKubernetesResource.class, PREFIX + "dialer-core");
        assertThat(dialerCore.getKind()).isEqualTo("ScaledObject");
        assertThat(dialerCore.<String>get("spec", "triggers", 0, "type")).isEqualTo("rabbitmq");
        assertThat(dialerCore.<String>get("spec", "triggers", 0, "metadata", "queueName")).isEqualTo("dialer-core.ticks");
        assertThat(dialerCore.<String>get("spec", "triggers", 0, "authenticationRef", "name"))
                .isEqualTo(PREFIX + "dialer-core-rabbitmq");
        GenericKubernetesResource auth = named(objects, GenericKubernetesResource.class, PREFIX + "dialer-core-rabbitmq");
        assertThat(auth.getKind()).isEqualTo("TriggerAuthentication");
        assertThat(auth.<String>get("spec", "secretTargetRef", 0, "key")).isEqualTo("rabbitmq-amqp-url");
        assertThat(named(objects, Secret.class, "demo-vaani").getData()).containsKey("rabbitmq-amqp-url");
        GenericKubernetesResource agentWorker = named(objects, GenericKubernetesResource.class, PREFIX + "agent-worker");
        assertThat(agentWorker.<String>get("spec", "triggers", 0, "type")).isEqualTo("prometheus");
        assertThat(agentWorker.<String>get("spec", "scaleTargetRef", "name")).isEqualTo(PREFIX + "agent-worker");
        // KEDA owns the replicas of the two; the others keep theirs.
        assertThat(named(objects, Deployment.class, PREFIX + "dialer-core").getSpec().getReplicas()).isNull();
        assertThat(named(objects, Deployment.class, PREFIX + "agent-worker").getSpec().getReplicas()).isNull();
        assertThat(named(objects, Deployment.class, PREFIX + "dialer-hopper").getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void kedaOnAgentWorkerNeedsItsPrometheus() {
        assertThatThrownBy(() -> render(Map.of("agentWorker.keda.enabled", "true")))
                .hasMessageContaining("agentWorker.keda.serverAddress");
    }

    @Test
    void anHpaAndKedaOnOneComponentAreRefused() {
        assertThatThrownBy(() -> render(Map.of("dialerCore.keda.enabled", "true", "dialerCore.autoscaling.enabled", "true")))
                .hasMessageContaining("dialerCore: autoscaling.enabled and keda.enabled exclude each other");
    }

    @Test
    void theIngressRoutesTheApiAndTheLiveKitWebhookToApiService() {
        List<HasMetadata> objects = render(Map.of("ingress.enabled", "true", "ingress.host", "api.example.com"));
        Ingress ingress = named(objects, Ingress.class, PREFIX + "api-service");
        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getHost()).isEqualTo("api.example.com");
            assertThat(rule.getHttp().getPaths()).extracting(p -> p.getPath()).containsExactly("/v1/webhooks/livekit", "/");
            assertThat(rule.getHttp().getPaths()).allSatisfy(
                    p -> assertThat(p.getBackend().getService().getName()).isEqualTo(PREFIX + "api-service"));
        });
    }

    @Test
    void aServiceMonitorReplacesTheScrapeAnnotations() {
        List<HasMetadata> objects = render(Map.of("metrics.serviceMonitor.enabled", "true"));
        GenericKubernetesResource monitor = named(objects, GenericKubernetesResource.class, "demo-vaani");
        assertThat(monitor.getKind()).isEqualTo("ServiceMonitor");
        assertThat(monitor.<String>get("spec", "endpoints", 0, "path")).isEqualTo("/q/metrics");
        assertThat(monitor.<String>get("spec", "endpoints", 0, "port")).isEqualTo("http");
        assertThat(all(objects, Deployment.class)).allSatisfy(d -> assertThat(
                d.getSpec().getTemplate().getMetadata().getAnnotations()).doesNotContainKey("prometheus.io/scrape"));
    }

    @Test
    void aDisabledComponentRendersNothing() {
        List<HasMetadata> objects = render(Map.of("schedulerService.enabled", "false"));
        assertThat(HelmChart.names(objects)).noneMatch(n -> n.contains("scheduler-service"));
        assertThat(all(objects, Deployment.class)).hasSize(COMPONENTS.size() - 1);
    }

    @Test
    void aReplicasValueThatIsNotANumberFailsAtSchemaValidation() {
        assertThatThrownBy(() -> render(Map.of("dialerCore.replicas", "three")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("at '/dialerCore/replicas': got string, want integer");
    }

    @Test
    void anUnknownKeyFailsAtSchemaValidation() {
        assertThatThrownBy(() -> render(Map.of("dialerCore.replica", "3")))
                .hasMessageContaining("at '/dialerCore': additional properties 'replica' not allowed");
        assertThatThrownBy(() -> render(Map.of("dialerTicker.keda.enabled", "true")))
                .hasMessageContaining("at '/dialerTicker': additional properties 'keda' not allowed");
    }

    @Test
    void secretValuesLandInTheChartsSecretNeverInTheConfigMap() {
        List<HasMetadata> objects = render(Optional.of(HelmChart.DIR.resolve("ci/production-values.yaml")), Map.of());
        String config = named(objects, ConfigMap.class, "demo-vaani").getData().toString();
        assertThat(config).doesNotContain("change-me", "sk-", "VAANI_DB_PASSWORD", "VAANI_REDIS_URL");
        assertThat(named(objects, Secret.class, "demo-vaani").getData()).containsKeys("database-password",
                "redis-url", "rabbitmq-password", "livekit-api-key", "livekit-api-secret", "OPENAI_API_KEY");
        // Provider keys reach agent-worker only.
        assertThat(env(named(objects, Deployment.class, PREFIX + "agent-worker"))).extracting(EnvVar::getName)
                .contains("OPENAI_API_KEY", "DEEPGRAM_API_KEY").doesNotContain("VAANI_DB_PASSWORD");
        assertThat(env(named(objects, Deployment.class, PREFIX + "api-service"))).extracting(EnvVar::getName)
                .contains("VAANI_DB_PASSWORD", "VAANI_REDIS_URL", "LIVEKIT_API_KEY").doesNotContain("OPENAI_API_KEY");
    }

    @Test
    void existingSecretsReplaceTheChartsSecret() {
        List<HasMetadata> objects = render(Optional.of(HelmChart.DIR.resolve("ci/existing-secrets-values.yaml")), Map.of());
        assertThat(all(objects, Secret.class)).isEmpty();
        Deployment api = named(objects, Deployment.class, PREFIX + "api-service");
        assertThat(env(api)).filteredOn(e -> e.getValueFrom() != null)
                .extracting(e -> e.getName() + "=" + e.getValueFrom().getSecretKeyRef().getName())
                .containsExactlyInAnyOrder("VAANI_DB_PASSWORD=vaani-db", "VAANI_REDIS_URL=vaani-redis",
                        "VAANI_RABBITMQ_PASSWORD=vaani-rabbitmq", "LIVEKIT_API_KEY=vaani-livekit",
                        "LIVEKIT_API_SECRET=vaani-livekit", "AWS_ACCESS_KEY_ID=vaani-s3",
                        "AWS_SECRET_ACCESS_KEY=vaani-s3", "VAANI_BOOTSTRAP_API_KEY=vaani-api");
        Container agentWorker = named(objects, Deployment.class, PREFIX + "agent-worker").getSpec().getTemplate()
                .getSpec().getContainers().getFirst();
        assertThat(agentWorker.getEnvFrom()).filteredOn(e -> e.getSecretRef() != null)
                .extracting(e -> e.getSecretRef().getName()).containsExactly("vaani-providers");
        // agent-worker uploads the recordings that api-service serves
        assertThat(agentWorker.getEnv()).filteredOn(e -> e.getValueFrom() != null)
                .extracting(e -> e.getName() + "=" + e.getValueFrom().getSecretKeyRef().getName())
                .contains("AWS_ACCESS_KEY_ID=vaani-s3", "AWS_SECRET_ACCESS_KEY=vaani-s3", "LIVEKIT_API_KEY=vaani-livekit");
    }

    /** Every secret key a pod or KEDA reads exists in the chart's Secret, unless it names a Secret of the user's. */
    @ParameterizedTest
    @MethodSource("fixtures")
    void everySecretKeyReadIsInTheChartsSecret(Path fixture) {
        List<HasMetadata> objects = render(Optional.of(fixture), Map.of());
        Map<String, String> data = all(objects, Secret.class).stream().filter(s -> s.getMetadata().getName().equals("demo-vaani"))
                .findFirst().map(Secret::getData).orElse(Map.of());
        for (Deployment deployment : all(objects, Deployment.class)) {
            env(deployment).stream().filter(e -> e.getValueFrom() != null)
                    .map(e -> e.getValueFrom().getSecretKeyRef())
                    .filter(ref -> ref.getName().equals("demo-vaani"))
                    .forEach(ref -> assertThat(data).as(deployment.getMetadata().getName()).containsKey(ref.getKey()));
        }
    }

    @Test
    void migrationsDisabledLeaveThemToApiServiceAtStart() {
        List<HasMetadata> objects = render(Map.of("migrations.enabled", "false"));
        assertThat(env(named(objects, Deployment.class, PREFIX + "api-service")))
                .contains(new EnvVar("QUARKUS_FLYWAY_MIGRATE_AT_START", "true", null));
        assertThat(env(named(objects, Deployment.class, PREFIX + "dialer-core")))
                .contains(new EnvVar("QUARKUS_FLYWAY_MIGRATE_AT_START", "false", null));
        List<HasMetadata> withJob = render(Map.of());
        assertThat(env(named(withJob, Deployment.class, PREFIX + "api-service")))
                .contains(new EnvVar("QUARKUS_FLYWAY_MIGRATE_AT_START", "false", null));
    }

    @Test
    void imagesComeFromTheRegistryWithTheTagOrAComponentsOwn() {
        List<HasMetadata> objects = render(Map.of("image.registry", "registry.example.com/vaani/", "image.tag", "1.2.3",
                "agentWorker.image.repository", "other.example.com/agent", "agentWorker.image.tag", "1.2.3-native"));
        assertThat(image(named(objects, Deployment.class, PREFIX + "dialer-core")))
                .isEqualTo("registry.example.com/vaani/dialer-core:1.2.3");
        assertThat(image(named(objects, Deployment.class, PREFIX + "agent-worker")))
                .isEqualTo("other.example.com/agent:1.2.3-native");
    }

    @Test
    void aServiceAccountIsMadeForThePodsWithoutAToken() {
        List<HasMetadata> objects = render(Map.of());
        assertThat(named(objects, ServiceAccount.class, "demo-vaani").getAutomountServiceAccountToken()).isFalse();
        assertThat(all(objects, Deployment.class)).allSatisfy(d -> assertThat(
                d.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("demo-vaani"));
    }

    static List<EnvVar> env(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv();
    }

    static String image(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();
    }
}
