package io.catalogbulk.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.marcnuri.helm.LintResult;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/**
 * The chart's pgbouncer.enabled option (ci/pgbouncer-values.yaml): a PgBouncer Deployment and Service in transaction
 * mode in front of database.url, the services' DB_URL pointed at it, and their migrations still direct.
 */
class PgBouncerChartTests {

    static final String SET = "pgbouncer";

    @Test
    void lintStrictPasses() {
        LintResult result = Chart.lint(SET);
        assertFalse(result.isFailed(), () -> "helm lint --strict (" + SET + "): " + result.getMessages());
    }

    @Test
    void offByDefault() {
        Manifests manifests = Chart.render("default");
        assertTrue(manifests.all(Deployment.class).stream().noneMatch(d -> d.getMetadata().getName().endsWith("pgbouncer")));
        Map<String, String> config = manifests.one(ConfigMap.class, name -> true).getData();
        assertEquals("jdbc:postgresql://postgresql:5432/catalog_bulk", config.get("DB_URL"));
        assertFalse(config.containsKey("DB_MIGRATION_URL"), "migrations use DB_URL");
    }

    @Test
    void theServicesPoolsGoThroughPgBouncerAndTheMigrationsStraightToPostgres() {
        Manifests manifests = Chart.render(SET);
        Map<String, String> config = manifests.one(ConfigMap.class, name -> name.equals(Chart.RELEASE + "-catalog-bulk")).getData();
        Service service = manifests.one(Service.class, name -> name.endsWith("-pgbouncer"));
        assertEquals("jdbc:postgresql://" + service.getMetadata().getName() + ":6432/catalog_bulk", config.get("DB_URL"));
        assertEquals("jdbc:postgresql://pg-primary.databases.svc:5433/catalog_bulk?sslmode=require", config.get("DB_MIGRATION_URL"));
        for (String component : HelmChartTests.COMPONENTS) {
            Container container = HelmChartTests.container(manifests.deployment(component));
            assertTrue(container.getEnvFrom().stream().anyMatch(from -> from.getConfigMapRef() != null
                    && from.getConfigMapRef().getName().equals(Chart.RELEASE + "-catalog-bulk")), component + " reads the ConfigMap");
        }
        Deployment bouncer = manifests.deployment("pgbouncer");
        assertEquals(2, bouncer.getSpec().getReplicas());
        assertEquals(bouncer.getSpec().getSelector().getMatchLabels(), service.getSpec().getSelector(), "the Service selects PgBouncer");
        assertEquals(6432, service.getSpec().getPorts().get(0).getPort());
        assertEquals("postgres", service.getSpec().getPorts().get(0).getTargetPort().getStrVal());
    }

    @Test
    void pgbouncerIniIsTransactionModeInFrontOfTheDatabaseUrl() {
        Manifests manifests = Chart.render(SET);
        Map<String, String> ini = settings(manifests.one(ConfigMap.class, name -> name.endsWith("-pgbouncer"))
                .getData().get("pgbouncer.ini"));
        assertEquals("transaction", ini.get("pool_mode"));
        assertEquals("host=pg-primary.databases.svc port=5433 dbname=catalog_bulk connect_query='SET lock_timeout = ''10s'''",
                ini.get("catalog_bulk"), "the one database, forwarded to database.url's host, port and name");
        assertEquals("require", ini.get("server_tls_sslmode"), "database.url's sslmode applies to PgBouncer's own connections");
        assertEquals("extra_float_digits", ini.get("ignore_startup_parameters"), "pgjdbc's startup parameter");
        assertEquals("20", ini.get("default_pool_size"));
        assertEquals("1000", ini.get("max_client_conn"));
        assertEquals("6432", ini.get("listen_port"));
        assertEquals("/etc/pgbouncer-auth/userlist.txt", ini.get("auth_file"));
    }

    @Test
    void pgbouncerPodsAreNonRootAndTheirAuthFileComesFromTheSecret() {
        Manifests manifests = Chart.render(SET);
        PodSpec pod = Manifests.pod(manifests.deployment("pgbouncer"));
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        Container main = pod.getContainers().get(0);
        assertEquals(List.of("pgbouncer", "/etc/pgbouncer/pgbouncer.ini"), main.getCommand());
        assertEquals(Boolean.TRUE, main.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals("postgres", main.getReadinessProbe().getTcpSocket().getPort().getStrVal());
        Container init = pod.getInitContainers().get(0);
        assertEquals(Chart.RELEASE + "-catalog-bulk", init.getEnv().stream().filter(e -> e.getName().equals("DB_PASSWORD"))
                .findFirst().orElseThrow().getValueFrom().getSecretKeyRef().getName());
        assertTrue(String.join(" ", init.getCommand()).contains("/etc/pgbouncer-auth/userlist.txt"));
        Set<String> mounted = main.getVolumeMounts().stream().map(m -> m.getMountPath()).collect(Collectors.toSet());
        assertEquals(Set.of("/etc/pgbouncer", "/etc/pgbouncer-auth"), mounted);
    }

    @Test
    void onlyTheThreeServicesMayConnectToPgBouncer() {
        Manifests manifests = Chart.render(SET);
        NetworkPolicy policy = manifests.one(NetworkPolicy.class, name -> name.endsWith("-pgbouncer"));
        assertEquals(manifests.deployment("pgbouncer").getSpec().getSelector().getMatchLabels(),
                policy.getSpec().getPodSelector().getMatchLabels());
        var components = policy.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchExpressions()
                .stream().filter(e -> e.getKey().equals("app.kubernetes.io/component")).findFirst().orElseThrow();
        assertEquals(List.of("ingest", "worker", "status"), components.getValues());
    }

    @Test
    void aDatabaseUrlPgBouncerCannotForwardToIsRefused() {
        RuntimeException error = assertThrows(RuntimeException.class, () -> Chart.template("pgbouncer-two-hosts"));
        assertTrue(error.getMessage().contains("pgbouncer.enabled needs database.url"), error.getMessage());
    }

    /** The key = value lines of an ini text (sections ignored). */
    static Map<String, String> settings(String ini) {
        return ini.lines().map(String::trim).filter(line -> line.contains(" = "))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf(" = ")),
                        line -> line.substring(line.indexOf(" = ") + 3)));
    }
}
