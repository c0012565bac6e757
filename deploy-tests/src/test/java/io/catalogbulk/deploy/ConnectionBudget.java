package io.catalogbulk.deploy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many PostgreSQL connections a deployment can hold at most (docs/deployment.md, "Connection budget"). Pure
 * arithmetic over the roles' pod counts and pool sizes:
 * <ul>
 * <li>direct: every pod of every role may fill its pool ({@code DB_POOL_MAX_SIZE}), and Flyway runs inside that
 * pool: {@code sum over roles of pods x pool};</li>
 * <li>through PgBouncer in transaction mode: PostgreSQL sees only PgBouncer's server connections
 * ({@code bouncer pods x default_pool_size}) plus the migrations' direct connections of the pods that start at the
 * same time ({@code starting pods x migration connections per pod}); the pools are PgBouncer's clients.</li>
 * </ul>
 * A rolling update adds {@code surge} pods per Deployment (the chart's maxSurge is 1) before old ones go.
 */
record ConnectionBudget(Map<String, Role> roles, int surge) {

    /** One role (ingest, worker, status): its pods at the moment counted and its pool's maximum size. */
    record Role(int pods, int pool) {
    }

    /** What the budget is checked against: PostgreSQL's max_connections less the superuser-reserved ones. */
    record Server(int maxConnections, int reserved) {

        int available() {
            return maxConnections - reserved;
        }
    }

    /** PgBouncer in front: its pods and each pod's server connections (default_pool_size). */
    record Bouncer(int pods, int poolSize) {
    }

    static ConnectionBudget of(int ingestPods, int workerPods, int statusPods, Map<String, Integer> pools, int surge) {
        Map<String, Role> roles = new LinkedHashMap<>();
        roles.put("ingest", new Role(ingestPods, pools.get("ingest")));
        roles.put("worker", new Role(workerPods, pools.get("worker")));
        roles.put("status", new Role(statusPods, pools.get("status")));
        return new ConnectionBudget(Map.copyOf(roles), surge);
    }

    int pods() {
        return roles.values().stream().mapToInt(role -> role.pods() + surge).sum();
    }

    /** Connections the services' pools may open: to PostgreSQL when direct, to PgBouncer otherwise. */
    int poolConnections() {
        return roles.values().stream().mapToInt(role -> (role.pods() + surge) * role.pool()).sum();
    }

    /** PostgreSQL connections of the services connected directly (migrations run inside the pools). */
    int direct() {
        return poolConnections();
    }

    /**
     * PostgreSQL connections through PgBouncer: its server connections (its own rolling update adds {@code surge}
     * pods too) and the migrations of every service pod starting at once, each holding
     * {@code migrationConnectionsPerPod} direct connections while Flyway runs.
     */
    int throughBouncer(Bouncer bouncer, int migrationConnectionsPerPod) {
        return (bouncer.pods() + surge) * bouncer.poolSize() + pods() * migrationConnectionsPerPod;
    }

    boolean fits(int connections, Server server) {
        return connections <= server.available();
    }
}
