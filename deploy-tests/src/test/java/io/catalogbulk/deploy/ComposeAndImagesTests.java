package io.catalogbulk.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** deploy/docker-compose.yml, the three Dockerfiles and bin/images agree on images, tags and hardening. */
class ComposeAndImagesTests {

    static final List<String> SERVICES = List.of("ingest", "worker", "status");

    /**
     * The compose file as Docker Compose sees it: aliases resolved by snakeyaml-engine, then YAML 1.1 merge keys
     * ({@code <<: *service}, which YAML 1.2 parsers leave as a plain key) applied, explicit keys winning.
     */
    static JsonNode compose() {
        Object document = new Load(LoadSettings.builder().build()).loadFromString(Project.read("deploy/docker-compose.yml"));
        return new JsonMapper().valueToTree(applyMergeKeys(document));
    }

    @SuppressWarnings("unchecked")
    static Object applyMergeKeys(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> merged = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!"<<".equals(entry.getKey())) {
                    merged.put(String.valueOf(entry.getKey()), applyMergeKeys(entry.getValue()));
                }
            }
            Object base = map.get("<<");
            List<Object> bases = base instanceof List<?> list ? (List<Object>) list : base == null ? List.of() : List.of(base);
            for (Object each : bases) {
                ((Map<String, Object>) applyMergeKeys(each)).forEach(merged::putIfAbsent);
            }
            return merged;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(ComposeAndImagesTests::applyMergeKeys).toList();
        }
        return node;
    }

    @Test
    void composeRunsTheInfrastructureAndTheThreeServicesWithTwoWorkers() {
        JsonNode services = compose().get("services");
        assertTrue(services.has("postgres") && services.has("rabbitmq"));
        assertTrue(services.get("rabbitmq").get("image").asString().contains("management"), "RabbitMQ with management");
        for (String service : SERVICES) {
            JsonNode definition = services.get(service);
            assertEquals("catalog-bulk/" + service + "-service:${CATALOG_BULK_VERSION:-" + Project.version() + "}",
                    definition.get("image").asString(), "tagged with the project version");
            Path context = Project.file("deploy").resolve(definition.get("build").get("context").asString()).normalize();
            Path dockerfile = context.resolve(definition.get("build").get("dockerfile").asString());
            assertEquals(Project.file(service + "-service/src/main/docker/Dockerfile.jvm"), dockerfile);
            assertTrue(Files.exists(dockerfile), dockerfile.toString());
            // Merged from the shared anchor: the same hardening as in Kubernetes.
            assertEquals("185", definition.get("user").asString());
            assertTrue(definition.get("read_only").asBoolean());
            assertEquals("postgres", definition.get("environment").get("DB_URL").asString().replaceAll(".*//([^:]+):.*", "$1"));
            assertEquals("service_healthy", definition.get("depends_on").get("rabbitmq").get("condition").asString());
        }
        assertEquals(2, services.get("worker").get("deploy").get("replicas").asInt());
        assertTrue(services.get("ingest").get("environment").has("TOKEN_PRIVATE_KEY_LOCATION"));
        // One base URL as with bin/start: ingest forwards the status routes to the status service on its port.
        assertEquals("http://status:8082", services.get("ingest").get("environment").get("STATUS_FORWARD_URL").asString());
        assertTrue(services.get("status").get("ports").get(0).asString().endsWith(":8082"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "worker", "status"})
    void dockerfilesAreQuarkusJvmImagesRunningAsNonRoot(String service) {
        String dockerfile = Project.read(service + "-service/src/main/docker/Dockerfile.jvm");
        assertTrue(dockerfile.contains("FROM registry.access.redhat.com/ubi9/openjdk-17-runtime"), dockerfile);
        assertTrue(dockerfile.contains("COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/"));
        assertTrue(dockerfile.lines().anyMatch(line -> line.equals("USER 185")));
        Map<String, Integer> ports = Map.of("ingest", 8080, "worker", 8081, "status", 8082);
        assertTrue(dockerfile.contains("EXPOSE " + ports.get(service)));
        assertTrue(dockerfile.contains("ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\""));
    }

    @Test
    void binImagesTagsEveryImageWithTheProjectVersion() {
        String printed = Commands.run(Project.root(), List.of("bash", "bin/images", "--print"), 60);
        for (String service : SERVICES) {
            String image = "catalog-bulk/" + service + "-service:" + Project.version();
            assertTrue(printed.contains("image " + image), printed);
            assertTrue(printed.contains("build -f " + service + "-service/src/main/docker/Dockerfile.jvm -t " + image + " "
                    + service + "-service"), printed);
        }
    }

    @Test
    void binImagesWithoutDockerPrintsTheBuildCommandsAndSucceeds() {
        String out = Commands.run(Project.root(), List.of("bash", "bin/images", "--no-build"),
                Map.of("DOCKER", "/nonexistent/docker", "IMAGE_PREFIX", "registry.example.com/team"), 60);
        assertTrue(out.contains("/nonexistent/docker is not available here"), out);
        assertTrue(out.contains("/nonexistent/docker build -f worker-service/src/main/docker/Dockerfile.jvm -t registry.example.com/team/worker-service:"
                + Project.version() + " worker-service"), out);
    }
}
