package io.catalogbulk.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.marcnuri.helm.LintResult;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** helm lint --strict and helm template of helm/catalog-bulk with the default, KEDA, HPA and production sets. */
class HelmChartTests {

    static final List<String> COMPONENTS = List.of("ingest", "worker", "status");
    static final Map<String, Integer> PORTS = Map.of("ingest", 8080, "worker", 8081, "status", 8082);

    @ParameterizedTest
    @ValueSource(strings = {"default", "keda", "hpa", "production"})
    void lintStrictPasses(String set) {
        LintResult result = Chart.lint(set);
        assertFalse(result.isFailed(), () -> "helm lint --strict (" + set + "): " + result.getMessages());
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "keda", "hpa", "production"})
    void probesAreOnTheQuarkusHealthPathsOfTheServedPort(String set) {
        Manifests manifests = Chart.render(set);
        for (String component : COMPONENTS) {
            Container container = container(manifests.deployment(component));
            assertEquals(PORTS.get(component), container.getPorts().get(0).getContainerPort(), component);
            assertEquals("http", container.getPorts().get(0).getName());
            assertProbe(container.getStartupProbe(), "/q/health/started", component);
            assertProbe(container.getLivenessProbe(), "/q/health/live", component);
            assertProbe(container.getReadinessProbe(), "/q/health/ready", component);
            // The service listens where the probes knock: its port variable is set to the container port.
            assertEquals(String.valueOf(PORTS.get(component)), env(container, component.toUpperCase() + "_PORT").getValue());
        }
    }

    static void assertProbe(Probe probe, String path, String component) {
        assertNotNull(probe, component + " probe " + path);
        assertEquals(path, probe.getHttpGet().getPath(), component);
        assertEquals("http", probe.getHttpGet().getPort().getStrVal(), component + " probe port is the named container port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "production"})
    void podsAreNonRootWithAReadOnlyRootFilesystemAndResources(String set) {
        Manifests manifests = Chart.render(set);
        for (String component : COMPONENTS) {
            Deployment deployment = manifests.deployment(component);
            PodSpec pod = Manifests.pod(deployment);
            Container container = container(deployment);
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), component);
            assertTrue(pod.getSecurityContext().getRunAsUser() > 0, component);
            assertEquals(Boolean.TRUE, container.getSecurityContext().getRunAsNonRoot(), component);
            assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem(), component);
            assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation(), component);
            assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop(), component);
            // /tmp is the one writable path, an emptyDir.
            String tmpVolume = container.getVolumeMounts().stream().filter(m -> "/tmp".equals(m.getMountPath()))
                    .findFirst().orElseThrow(() -> new AssertionError(component + " has no /tmp mount")).getName();
            assertNotNull(pod.getVolumes().stream().filter(v -> v.getName().equals(tmpVolume)).findFirst().orElseThrow().getEmptyDir(),
                    component + " /tmp is an emptyDir");
            for (String resource : List.of("cpu", "memory")) {
                assertNotNull(container.getResources().getRequests().get(resource), component + " requests " + resource);
                assertNotNull(container.getResources().getLimits().get(resource), component + " limits " + resource);
            }
            assertTrue(container.getImage().endsWith(":" + Project.version()), container.getImage());
        }
    }

    @Test
    void imagesCarryTheProjectVersionByDefault() {
        Manifests manifests = Chart.render("default");
        for (String component : COMPONENTS) {
            assertEquals("catalog-bulk/" + component + "-service:" + Project.version(), container(manifests.deployment(component)).getImage());
        }
        assertTrue(Project.read("helm/catalog-bulk/Chart.yaml").contains("appVersion: \"" + Project.version() + "\""),
                "Chart appVersion is the project version");
    }

    @Test
    void theWorkerHasTimeToFinishItsInFlightOperations() {
        Manifests manifests = Chart.render("default");
        long worker = Manifests.pod(manifests.deployment("worker")).getTerminationGracePeriodSeconds();
        // The worker's shutdown waits up to 25 s for the batches it holds (OperationBatcher.stop), after the
        // consumer and before the rest of Quarkus stops: Kubernetes' default 30 s would leave almost no margin.
        assertTrue(worker >= 60, "worker terminationGracePeriodSeconds " + worker);
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "production"})
    void ingressSendsBulkStatusToStatusServiceAndTheRestOfRestToIngest(String set) {
        Manifests manifests = Chart.render(set);
        Ingress ingress = manifests.one(Ingress.class, name -> true);
        String status = manifests.deployment("status").getMetadata().getName();
        String ingest = manifests.deployment("ingest").getMetadata().getName();
        assertServiceSelects(manifests, status, "status");
        assertServiceSelects(manifests, ingest, "ingest");
        List<HTTPIngressPath> paths = ingress.getSpec().getRules().get(0).getHttp().getPaths();
        Map<String, String> backends = paths.stream().collect(Collectors.toMap(HTTPIngressPath::getPath, p -> p.getBackend().getService().getName()));
        assertEquals(status, backends.get("/rest/V1/bulk"));
        assertEquals(status, backends.get("/rest/default/V1/bulk"), "store-scoped status routes");
        assertEquals(status, backends.get("/console"), "the operator console");
        assertEquals(ingest, backends.get("/rest"));
        assertTrue(paths.stream().allMatch(p -> "Prefix".equals(p.getPathType())));
        if ("production".equals(set)) {
            assertEquals("api.shop.example.com", ingress.getSpec().getRules().get(0).getHost());
            assertEquals("nginx", ingress.getSpec().getIngressClassName());
            assertEquals("api-shop-example-com-tls", ingress.getSpec().getTls().get(0).getSecretName());
            assertEquals(List.of("api.shop.example.com"), ingress.getSpec().getTls().get(0).getHosts());
            assertEquals(status, backends.get("/rest/fr/V1/bulk"));
        } else {
            assertTrue(ingress.getSpec().getTls() == null || ingress.getSpec().getTls().isEmpty(), "no TLS by default");
        }
    }

    static void assertServiceSelects(Manifests manifests, String name, String component) {
        Service service = manifests.one(Service.class, name::equals);
        assertEquals(component, service.getSpec().getSelector().get("app.kubernetes.io/component"));
        assertEquals("http", service.getSpec().getPorts().get(0).getTargetPort().getStrVal());
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "keda", "hpa", "production"})
    void theWorkerHasExactlyOneAutoscalerAndIngestAndStatusHaveHpas(String set) {
        Manifests manifests = Chart.render(set);
        String worker = manifests.deployment("worker").getMetadata().getName();
        long workerHpas = manifests.all(HorizontalPodAutoscaler.class).stream()
                .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(worker)).count();
        List<GenericKubernetesResource> scaledObjects = manifests.kind("ScaledObject");
        assertEquals(1, workerHpas + scaledObjects.size(), "autoscalers of the worker in " + set);
        boolean keda = Set.of("keda", "production").contains(set);
        assertEquals(keda ? 1 : 0, scaledObjects.size());
        if (keda) {
            GenericKubernetesResource scaled = scaledObjects.get(0);
            Map<String, Object> spec = scaled.get("spec");
            assertEquals(worker, ((Map<?, ?>) spec.get("scaleTargetRef")).get("name"));
            Map<?, ?> trigger = (Map<?, ?>) ((List<?>) spec.get("triggers")).get(0);
            assertEquals("rabbitmq", trigger.get("type"));
            assertEquals("async.operations.all", ((Map<?, ?>) trigger.get("metadata")).get("queueName"));
            assertEquals("QueueLength", ((Map<?, ?>) trigger.get("metadata")).get("mode"));
            String auth = (String) ((Map<?, ?>) trigger.get("authenticationRef")).get("name");
            assertEquals(1, manifests.kind("TriggerAuthentication").stream().filter(t -> t.getMetadata().getName().equals(auth)).count());
            // Replicas are left to the autoscaler.
            assertNull(manifests.deployment("worker").getSpec().getReplicas());
        }
        for (String component : List.of("ingest", "status")) {
            String name = manifests.deployment(component).getMetadata().getName();
            assertEquals(1, manifests.all(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(name)).count(), component + " HPA");
        }
    }

    @Test
    void bothWorkerAutoscalersFailWithAClearMessage() {
        RuntimeException error = assertThrows(RuntimeException.class, () -> Chart.template("both-autoscalers"));
        assertTrue(error.getMessage().contains("worker.hpa.enabled and worker.keda.enabled are both true"), error.getMessage());
    }

    @Test
    void missingTokenKeysFailWithAClearMessage() {
        RuntimeException error = assertThrows(RuntimeException.class, () -> Chart.template("no-keys"));
        assertTrue(error.getMessage().contains("tokens.publicKey and tokens.privateKey (PEM) are required"), error.getMessage());
    }

    @Test
    void aMisspeltValueIsRefusedByTheSchema() {
        RuntimeException error = assertThrows(RuntimeException.class, () -> Chart.template("typo"));
        assertTrue(error.getMessage().contains("kedda"), error.getMessage());
    }

    @Test
    void withExistingSecretNothingSecretIsRendered() {
        // The production set names existingSecret; the generated keys are in its values too and must not leak.
        Manifests manifests = Chart.render("production");
        assertEquals(0, manifests.all(Secret.class).size(), "no Secret rendered");
        assertFalse(manifests.text.contains("PRIVATE KEY") || manifests.text.contains("PUBLIC KEY"), "no key inlined");
        for (String component : COMPONENTS) {
            Deployment deployment = manifests.deployment(component);
            for (EnvVar env : container(deployment).getEnv()) {
                if (env.getName().contains("PASSWORD")) {
                    assertNull(env.getValue(), env.getName() + " is not inlined");
                    assertEquals("catalog-bulk-credentials", env.getValueFrom().getSecretKeyRef().getName());
                }
            }
            Manifests.pod(deployment).getVolumes().stream().filter(v -> v.getSecret() != null)
                    .forEach(v -> assertEquals("catalog-bulk-credentials", v.getSecret().getSecretName()));
        }
        ConfigMap config = manifests.one(ConfigMap.class, name -> true);
        assertTrue(config.getData().keySet().stream().noneMatch(k -> k.contains("PASSWORD")), "no password in the ConfigMap");
        assertEquals(3, config.getData().get("RABBITMQ_ADDRESSES").split(",").length, "the production set names the broker cluster's nodes");
        assertFalse(Chart.render("default").one(ConfigMap.class, name -> true).getData().containsKey("RABBITMQ_ADDRESSES"),
                "no address list unless one is given: host and port are used");
        Map<?, ?> ref = (Map<?, ?>) ((List<?>) ((Map<?, ?>) manifests.kind("TriggerAuthentication").get(0).get("spec"))
                .get("secretTargetRef")).get(0);
        assertEquals("catalog-bulk-credentials", ref.get("name"));
    }

    @Test
    void withoutExistingSecretTheChartSecretHoldsTheCredentialsAndOnlyIngestGetsThePrivateKey() {
        Manifests manifests = Chart.render("keda");
        Secret secret = manifests.one(Secret.class, name -> true);
        assertTrue(secret.getData().keySet().containsAll(Set.of("DB_PASSWORD", "RABBITMQ_PASSWORD", "ADMIN_PASSWORD",
                "token-public.pem", "token-private.pem", "RABBITMQ_URI")));
        // KEDA reads the broker from this URI: the default vhost "/" must be encoded, not dropped.
        assertEquals("amqp://catalog_bulk:@rabbitmq:5672/%2F",
                new String(java.util.Base64.getDecoder().decode(secret.getData().get("RABBITMQ_URI"))));
        for (String component : COMPONENTS) {
            PodSpec pod = Manifests.pod(manifests.deployment(component));
            Set<String> keys = pod.getVolumes().stream().filter(v -> v.getSecret() != null)
                    .flatMap(v -> v.getSecret().getItems().stream()).map(item -> item.getKey()).collect(Collectors.toSet());
            assertEquals(component.equals("ingest"), keys.contains("token-private.pem"), component);
            assertTrue(keys.contains("token-public.pem"), component);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "production"})
    void nothingReachesTheWorkerButWhatTheValuesAllow(String set) {
        Manifests manifests = Chart.render(set);
        NetworkPolicy policy = manifests.one(NetworkPolicy.class, name -> name.endsWith("worker"));
        Map<String, String> podLabels = manifests.deployment("worker").getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(policy.getSpec().getPodSelector().getMatchLabels().entrySet()),
                "the policy selects the worker pods");
        assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes());
        if ("default".equals(set)) {
            assertTrue(policy.getSpec().getIngress() == null || policy.getSpec().getIngress().isEmpty(), "deny all");
        } else {
            // Only Prometheus' namespace, only the metrics port.
            assertEquals(1, policy.getSpec().getIngress().size());
            assertEquals("http", policy.getSpec().getIngress().get(0).getPorts().get(0).getPort().getStrVal());
            assertEquals("monitoring", policy.getSpec().getIngress().get(0).getFrom().get(0).getNamespaceSelector()
                    .getMatchLabels().get("kubernetes.io/metadata.name"));
        }
    }

    @Test
    void disruptionBudgetsAndServiceMonitor() {
        Manifests manifests = Chart.render("production");
        for (String component : COMPONENTS) {
            PodDisruptionBudget pdb = manifests.one(PodDisruptionBudget.class, name -> name.endsWith(component));
            assertEquals(component, pdb.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/component"));
        }
        GenericKubernetesResource monitor = manifests.kind("ServiceMonitor").get(0);
        Map<?, ?> endpoint = (Map<?, ?>) ((List<?>) ((Map<?, ?>) monitor.get("spec")).get("endpoints")).get(0);
        assertEquals("/q/metrics", endpoint.get("path"));
        assertEquals("http", endpoint.get("port"));
        assertEquals(0, Chart.render("default").count("ServiceMonitor"), "off by default");
    }

    static Container container(Deployment deployment) {
        List<Container> containers = Manifests.pod(deployment).getContainers();
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name + " in " + container.getName()));
    }
}
