package io.catalogbulk.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/**
 * kubectl kustomize of deploy/kustomize/overlays/{dev,prod}, parsed into Kubernetes objects. The tree is copied
 * first so the dev overlay's token keys (generated, never committed) can be put where its secretGenerator
 * reads them.
 */
class KustomizeTests {

    static Path tree;

    @BeforeAll
    static void copyTreeWithDevKeys() throws Exception {
        tree = Files.createTempDirectory("catalog-bulk-kustomize-");
        Path source = Project.file("deploy/kustomize");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = tree.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path keys = Files.createDirectories(tree.resolve("overlays/dev/keys"));
        Files.writeString(keys.resolve("token-public.pem"), Chart.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Files.writeString(keys.resolve("token-private.pem"), Chart.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    }

    static Manifests overlay(String name) {
        return Manifests.parse(Kubectl.kustomize(tree.resolve("overlays").resolve(name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "prod-pgbouncer"})
    void everyServiceIsProbedHardenedAndWiredToTheGeneratedConfig(String name) {
        Manifests manifests = overlay(name);
        ConfigMap config = manifests.one(ConfigMap.class, n -> n.startsWith("catalog-bulk-config"));
        Map<String, Integer> ports = Map.of("ingest", 8080, "worker", 8081, "status", 8082);
        for (String component : List.of("ingest", "worker", "status")) {
            Deployment deployment = manifests.deployment(component);
            Container container = Manifests.pod(deployment).getContainers().get(0);
            assertEquals(ports.get(component), container.getPorts().get(0).getContainerPort());
            assertEquals("/q/health/started", container.getStartupProbe().getHttpGet().getPath());
            assertEquals("/q/health/live", container.getLivenessProbe().getHttpGet().getPath());
            assertEquals("/q/health/ready", container.getReadinessProbe().getHttpGet().getPath());
            assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem());
            assertEquals(Boolean.TRUE, Manifests.pod(deployment).getSecurityContext().getRunAsNonRoot());
            assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
            assertFalse(container.getResources().getRequests().isEmpty());
            assertFalse(container.getResources().getLimits().isEmpty());
            assertTrue(container.getImage().endsWith("/" + component + "-service:" + Project.version())
                    || container.getImage().equals("catalog-bulk/" + component + "-service:" + Project.version()), container.getImage());
            // The generated ConfigMap's hashed name is what the pods read.
            assertEquals(config.getMetadata().getName(), container.getEnvFrom().get(0).getConfigMapRef().getName());
            assertEquals(name.equals("dev") ? "catalog-bulk-dev" : "catalog-bulk", deployment.getMetadata().getNamespace());
        }
        Ingress ingress = manifests.one(Ingress.class, n -> true);
        Map<String, String> backends = ingress.getSpec().getRules().get(0).getHttp().getPaths().stream()
                .collect(Collectors.toMap(HTTPIngressPath::getPath, p -> p.getBackend().getService().getName()));
        assertEquals("status-service", backends.get("/rest/V1/bulk"));
        assertEquals("status-service", backends.get("/console"), "the operator console");
        assertEquals("ingest-service", backends.get("/rest"));
        NetworkPolicy worker = manifests.one(NetworkPolicy.class, "worker-service"::equals);
        assertTrue(worker.getSpec().getIngress().isEmpty(), "nothing reaches the worker");
    }

    @Test
    void devRunsPostgresqlAndRabbitmqInTheCluster() {
        Manifests manifests = overlay("dev");
        Set<String> statefulSets = manifests.all(StatefulSet.class).stream().map(s -> s.getMetadata().getName()).collect(Collectors.toSet());
        assertEquals(Set.of("postgres", "rabbitmq"), statefulSets);
        ConfigMap config = manifests.one(ConfigMap.class, n -> n.startsWith("catalog-bulk-config"));
        assertEquals("jdbc:postgresql://postgres:5432/catalog_bulk", config.getData().get("DB_URL"));
        assertEquals("rabbitmq", config.getData().get("RABBITMQ_HOST"));
        // The generated Secret (with a hash suffix) is the one every reference points at.
        Secret secret = manifests.one(Secret.class, n -> n.startsWith("catalog-bulk-secrets"));
        assertTrue(secret.getData().keySet().containsAll(Set.of("DB_PASSWORD", "RABBITMQ_PASSWORD", "ADMIN_PASSWORD",
                "token-public.pem", "token-private.pem")));
        Deployment ingest = manifests.deployment("ingest");
        assertTrue(Manifests.pod(ingest).getContainers().get(0).getEnv().stream()
                .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .allMatch(e -> e.getValueFrom().getSecretKeyRef().getName().equals(secret.getMetadata().getName())));
        assertEquals(0, manifests.all(HorizontalPodAutoscaler.class).size());
        assertEquals(1, ingest.getSpec().getReplicas());
    }

    @Test
    void prodPointsAtExternalServicesAndReadsAnExternalSecret() {
        Manifests manifests = overlay("prod");
        assertEquals(0, manifests.all(StatefulSet.class).size(), "no in-cluster database or broker");
        assertEquals(0, manifests.all(Secret.class).size(), "credentials are never generated for production");
        ConfigMap config = manifests.one(ConfigMap.class, n -> n.startsWith("catalog-bulk-config"));
        assertTrue(config.getData().get("DB_URL").startsWith("jdbc:postgresql://pg-primary.databases.svc"));
        assertEquals("rabbitmq.messaging.svc", config.getData().get("RABBITMQ_HOST"));
        assertEquals(3, config.getData().get("RABBITMQ_ADDRESSES").split(",").length, "the broker cluster's nodes");
        assertEquals("quorum", config.getData().get("BROKER_QUEUE_TYPE"));
        for (String component : List.of("ingest", "worker", "status")) {
            Deployment deployment = manifests.deployment(component);
            assertTrue(Manifests.pod(deployment).getContainers().get(0).getImage().startsWith("registry.example.com/"));
            String name = deployment.getMetadata().getName();
            assertEquals(1, manifests.all(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(name)).count(), "one autoscaler for " + name);
            assertTrue(Manifests.pod(deployment).getVolumes().stream().filter(v -> v.getSecret() != null)
                    .allMatch(v -> v.getSecret().getSecretName().equals("catalog-bulk-secrets")));
        }
        assertEquals(3, manifests.count("PodDisruptionBudget"));
        Ingress ingress = manifests.one(Ingress.class, n -> true);
        assertEquals("nginx", ingress.getSpec().getIngressClassName());
        assertEquals("api-shop-example-com-tls", ingress.getSpec().getTls().get(0).getSecretName());
    }

    @Test
    void prodPgbouncerPoolsThroughPgBouncerInTransactionModeAndMigratesDirectly() {
        Manifests prod = overlay("prod");
        Manifests manifests = overlay("prod-pgbouncer");
        Map<String, String> config = manifests.one(ConfigMap.class, n -> n.startsWith("catalog-bulk-config")).getData();
        Service service = manifests.one(Service.class, "pgbouncer"::equals);
        assertEquals("jdbc:postgresql://" + service.getMetadata().getName() + ":6432/catalog_bulk", config.get("DB_URL"));
        assertEquals(prod.one(ConfigMap.class, n -> n.startsWith("catalog-bulk-config")).getData().get("DB_URL"),
                config.get("DB_MIGRATION_URL"), "the migrations keep prod's direct URL");
        Deployment bouncer = manifests.deployment("pgbouncer");
        assertEquals("catalog-bulk", bouncer.getMetadata().getNamespace());
        assertEquals(bouncer.getSpec().getSelector().getMatchLabels(), service.getSpec().getSelector());
        ConfigMap ini = manifests.one(ConfigMap.class, n -> n.startsWith("pgbouncer-config"));
        Map<String, String> settings = PgBouncerChartTests.settings(ini.getData().get("pgbouncer.ini"));
        assertEquals("transaction", settings.get("pool_mode"));
        assertEquals("extra_float_digits", settings.get("ignore_startup_parameters"));
        assertEquals("host=pg-primary.databases.svc port=5432 dbname=catalog_bulk connect_query='SET lock_timeout = ''10s'''",
                settings.get("catalog_bulk"), "PgBouncer forwards to prod's PostgreSQL and sets the services' lock_timeout");
        PodSpec pod = Manifests.pod(bouncer);
        assertEquals(ini.getMetadata().getName(), pod.getVolumes().stream().filter(v -> v.getConfigMap() != null)
                .findFirst().orElseThrow().getConfigMap().getName(), "the generated ini's hashed name is what PgBouncer mounts");
        assertTrue(pod.getInitContainers().get(0).getEnv().stream().anyMatch(e -> e.getValueFrom() != null
                && e.getValueFrom().getConfigMapKeyRef() != null
                && e.getValueFrom().getConfigMapKeyRef().getName().startsWith("catalog-bulk-config-")), "DB_USER from the config");
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        NetworkPolicy policy = manifests.one(NetworkPolicy.class, "pgbouncer"::equals);
        assertEquals(List.of("ingest-service", "worker-service", "status-service"),
                policy.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchExpressions().get(0).getValues());
    }

    @Test
    void kubectlIsARealKubectlWithKustomize() throws IOException {
        String version = Commands.run(tree, List.of(Kubectl.binary().toString(), "version", "--client"), 60);
        assertTrue(version.contains("Kustomize Version: v5"), version);
    }
}
