package io.catalogbulk.ingest.bulk;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;

import io.catalogbulk.core.ledger.IdempotencyKeys;
import io.catalogbulk.core.messaging.OperationPublisher;
import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.WebapiException;
import io.catalogbulk.ingest.IngestConfig;
import io.catalogbulk.ingest.idempotency.IdempotencyConfig;
import io.catalogbulk.ingest.idempotency.IdempotentReplies;
import io.catalogbulk.ingest.idempotency.IdempotentRequest;
import io.catalogbulk.ingest.publish.PublishDispatcher;
import io.catalogbulk.ingest.publish.RelayConfig;
import io.catalogbulk.ingest.security.RequestLimits;
import io.catalogbulk.ingest.body.RequestJson;

/**
 * Accepts asynchronous and bulk requests: validate every item, store the bulk and its operations in one
 * transaction, answer 202 with the bulk uuid, then publish one message per operation. A request is either
 * stored whole or refused whole.
 */
@ApplicationScoped
public class BulkAcceptor {

    @Inject
    BulkWriter writer;

    @Inject
    PublishDispatcher dispatcher;

    @Inject
    OperationPublisher publisher;

    @Inject
    RequestJson json;

    @Inject
    IngestConfig config;

    @Inject
    RelayConfig relay;

    @Inject
    MeterRegistry registry;

    @Inject
    IdempotentReplies replies;

    @Inject
    RequestLimits limits;

    @Inject
    IdempotencyConfig idempotency;

    /** One asynchronous call: a bulk of one operation. */
    public Response acceptOne(RouteDeclaration route, StoreScope scope, Caller caller, ObjectNode params,
            IdempotentRequest idempotent) {
        BulkItems items = new BulkItems();
        items.add(Json.bytes(params), route.entityKey(params));
        return store(route, scope, caller, items, idempotent);
    }

    /** A bulk call: the body is streamed, item by item (through the idempotent request's hash, if it has a key). */
    public Response acceptBulk(RouteDeclaration route, StoreScope scope, Caller caller, InputStream body,
            IdempotentRequest idempotent) {
        BulkItems items = BulkItemReader.read(json.parser(idempotent == null ? body : idempotent.wrap(body)), route, json,
                config.maxBulkItems(), config.maxReportedErrors());
        return store(route, scope, caller, items, idempotent);
    }

    private Response store(RouteDeclaration route, StoreScope scope, Caller caller, BulkItems items,
            IdempotentRequest idempotent) {
        IdempotencyKeys.Key key = idempotent == null ? null : idempotent.key(caller, scope, idempotency.retention());
        if (key != null) {
            // A replay stores nothing, so it is answered before the broker and open-operation checks.
            Optional<IdempotencyKeys.Stored> stored = writer.find(key);
            if (stored.isPresent()) {
                return replay(stored.get(), key, items);
            }
        }
        if (!publisher.isAvailable()) {
            // Nothing is stored: the client is told to come back rather than left waiting on a broker outage.
            throw WebapiException.serviceUnavailable("The message broker is unavailable; nothing was stored. Retry later.", 10);
        }
        // Per-principal cap on accepted, unfinished operations (429): checked before anything is stored.
        limits.checkOpenOperations(caller, items.size());
        UUID bulkUuid = UUID.randomUUID();
        IdempotencyKeys.Claim claim = writer.write(bulkUuid, route.topic(), scope, caller, items, relay.lease(), key);
        if (claim instanceof IdempotencyKeys.Existing existing) {
            return replay(existing.stored(), key, items);
        }
        if (claim instanceof IdempotencyKeys.InProgress) {
            throw replies.inProgress(key);
        }
        registry.counter("catalog_bulk_operations_accepted", "topic", route.topic()).increment(items.size());
        List<OperationMessage> messages = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            messages.add(new OperationMessage(bulkUuid, i, route.topic(), scope.storeId(), caller.userId(), caller.userType()));
        }
        dispatcher.publishLater(bulkUuid, messages);
        return Response.accepted(new AcceptedResponse(bulkUuid, items)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * The first answer again: the same request has the same items, so the 202 body is rebuilt from this request's
     * items with the stored bulk uuid (byte for byte what the first request got); nothing is stored or published.
     */
    private Response replay(IdempotencyKeys.Stored stored, IdempotencyKeys.Key key, BulkItems items) {
        replies.checkReplay(stored, key);
        return Response.accepted(new AcceptedResponse(stored.bulkUuid(), items)).type(MediaType.APPLICATION_JSON_TYPE)
                .header(IdempotentRequest.REPLAYED_HEADER, "true").build();
    }
}
