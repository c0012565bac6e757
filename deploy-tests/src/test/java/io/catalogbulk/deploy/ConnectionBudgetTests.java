package io.catalogbulk.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The connection budget of docs/deployment.md, computed from the sources it depends on: the services' pool defaults
 * (their properties files), the chart's replicas and PgBouncer values (values.yaml). The
 * chart's default replicas must fit a PostgreSQL left at its default max_connections, and the document's table must
 * be the figures this computes.
 */
class ConnectionBudgetTests {

    /** PostgreSQL's defaults (max_connections, superuser_reserved_connections), as on this machine's PostgreSQL 15. */
    static final ConnectionBudget.Server POSTGRES_DEFAULT = new ConnectionBudget.Server(100, 3);

    /**
     * Direct connections Flyway holds while one service pod migrates at start (DB_MIGRATION_URL): measured on
     * 2026-12-04 by sampling pg_stat_activity with psql in a loop (20 ms apart and more) while one packaged service
     * started alone: ingest on a fresh database 2 at once, worker and status on the migrated one 1.
     */
    static final int MIGRATION_CONNECTIONS_PER_POD = 2;

    /** The chart's maxSurge: a rolling update starts one new pod per Deployment before an old one stops. */
    static final int SURGE = 1;

    private static final ObjectMapper YAML = new YAMLMapper();

    @Test
    void theBudgetUsesTheServicesOwnPoolDefaults() {
        assertEquals(Map.of("ingest", 20, "worker", 8, "status", 20), servicePoolDefaults());
    }

    @Test
    void theChartsDefaultReplicasFitPostgresDefaultMaxConnectionsDirectly() {
        JsonNode values = YAML.readTree(Chart.dir().resolve("values.yaml").toFile());
        ConnectionBudget steady = ConnectionBudget.of(defaultReplicas(values, "ingest"), defaultReplicas(values, "worker"),
                defaultReplicas(values, "status"), pools(values), 0);
        assertTrue(steady.fits(steady.direct(), POSTGRES_DEFAULT), "the chart's default replicas connected directly need "
                + steady.direct() + " connections; PostgreSQL's default leaves " + POSTGRES_DEFAULT.available());
    }

    @Test
    void withPgBouncerTheDefaultReplicasFitEvenDuringARollingUpdate() {
        JsonNode values = YAML.readTree(Chart.dir().resolve("values.yaml").toFile());
        JsonNode bouncer = values.get("pgbouncer");
        ConnectionBudget rolling = ConnectionBudget.of(defaultReplicas(values, "ingest"), defaultReplicas(values, "worker"),
                defaultReplicas(values, "status"), pools(values), SURGE);
        ConnectionBudget.Bouncer pgbouncer = bouncer(values);
        int connections = rolling.throughBouncer(pgbouncer, MIGRATION_CONNECTIONS_PER_POD);
        assertTrue(rolling.fits(connections, POSTGRES_DEFAULT), connections + " connections through PgBouncer");
        int maxClientConn = bouncer.get("maxClientConn").asInt();
        assertTrue(rolling.poolConnections() <= maxClientConn, "every pool's connections fit one PgBouncer pod's max_client_conn");
    }

    @Test
    void theTableInDeploymentMdIsWhatTheFormulaGives() {
        JsonNode values = YAML.readTree(Chart.dir().resolve("values.yaml").toFile());
        ConnectionBudget.Bouncer pgbouncer = bouncer(values);
        List<String> expected = new ArrayList<>();
        for (int replicas : new int[] { 1, 2, 4, 8 }) {
            ConnectionBudget steady = ConnectionBudget.of(replicas, replicas, replicas, pools(values), 0);
            ConnectionBudget rolling = ConnectionBudget.of(replicas, replicas, replicas, pools(values), SURGE);
            expected.add(String.join(" | ", String.valueOf(replicas), steady.pods() + " (" + rolling.pods() + ")",
                    String.valueOf(steady.direct()), String.valueOf(rolling.direct()),
                    String.valueOf(rolling.throughBouncer(pgbouncer, MIGRATION_CONNECTIONS_PER_POD)),
                    String.valueOf(rolling.poolConnections())));
        }
        String doc = Project.read("docs/deployment.md");
        String section = doc.substring(doc.indexOf("## Connection budget"));
        List<String> rows = section.lines().filter(line -> line.matches("\\| [0-9]+ \\|.*"))
                .map(line -> line.substring(2, line.length() - 2).trim()).toList();
        assertEquals(expected, rows, "docs/deployment.md, Connection budget: the table's rows");
    }

    /** The chart's default PgBouncer: its pods and each pod's server connections. */
    static ConnectionBudget.Bouncer bouncer(JsonNode values) {
        return new ConnectionBudget.Bouncer(values.get("pgbouncer").get("replicas").asInt(),
                values.get("pgbouncer").get("poolSize").asInt());
    }

    /** Replicas a role starts with: its autoscaler's minimum when one is on, else replicas. */
    static int defaultReplicas(JsonNode values, String role) {
        JsonNode node = values.get(role);
        JsonNode autoscaler = node.has("autoscaling") ? node.get("autoscaling") : node.get("hpa");
        return autoscaler != null && autoscaler.get("enabled").asBoolean() ? autoscaler.get("minReplicas").asInt()
                : node.get("replicas").asInt();
    }

    /** Each role's pool: the chart's database.poolMaxSize when set, else the service's own default. */
    static Map<String, Integer> pools(JsonNode values) {
        Map<String, Integer> pools = new LinkedHashMap<>(servicePoolDefaults());
        values.get("database").get("poolMaxSize").properties().forEach(entry -> {
            if (!entry.getValue().asString().isBlank()) {
                pools.put(entry.getKey(), entry.getValue().asInt());
            }
        });
        return pools;
    }

    /** DB_POOL_MAX_SIZE's default per service: bulk-core's shared setting unless the service's own file sets it. */
    static Map<String, Integer> servicePoolDefaults() {
        int shared = poolDefault(Project.read("bulk-core/src/main/resources/META-INF/microprofile-config.properties"));
        Map<String, Integer> pools = new LinkedHashMap<>();
        for (String role : List.of("ingest", "worker", "status")) {
            int own = poolDefault(Project.read(role + "-service/src/main/resources/application.properties"));
            pools.put(role, own > 0 ? own : shared);
        }
        return pools;
    }

    private static int poolDefault(String properties) {
        Matcher matcher = Pattern.compile("(?m)^quarkus\\.datasource\\.jdbc\\.max-size=\\$\\{DB_POOL_MAX_SIZE:([0-9]+)}")
                .matcher(properties);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
