package io.catalogbulk.ingest.sync;

import java.time.Duration;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.db.Backoff;
import io.catalogbulk.core.db.Transactions;
import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteHandlers;
import io.catalogbulk.ingest.IngestConfig;

/**
 * Executes a synchronous call inline: the route's handler in one transaction, retried on deadlocks and
 * other transient errors. It is the same handler the worker runs for the asynchronous variant.
 */
@ApplicationScoped
public class SyncExecutor {

    @Inject
    DataSource dataSource;

    @Inject
    RouteHandlers handlers;

    @Inject
    IngestConfig config;

    public JsonNode execute(RouteDeclaration route, StoreScope scope, Caller caller, ObjectNode params) {
        Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1));
        return Transactions.inTransaction(dataSource, config.syncMaxAttempts(), backoff,
                connection -> handlers.invoke(route, new OperationContext(connection, scope, caller), params));
    }
}
