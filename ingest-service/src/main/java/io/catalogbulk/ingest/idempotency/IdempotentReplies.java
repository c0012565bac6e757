package io.catalogbulk.ingest.idempotency;

import java.security.MessageDigest;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;

import io.catalogbulk.core.ledger.IdempotencyKeys;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * What a request with an Idempotency-Key is told when its key is already taken, for every route that stores something
 * under a key (a bulk or async submit, an import start): the same request gets its first answer again (replayed), another
 * request with the key 422, a request whose twin is still being stored 409. Counted as {@code catalog_bulk_idempotency}.
 */
@ApplicationScoped
public class IdempotentReplies {

    @Inject
    MeterRegistry registry;

    /** The stored key may answer this request again: it names the same request (422 otherwise). Counts the replay. */
    public void checkReplay(IdempotencyKeys.Stored stored, IdempotencyKeys.Key key) {
        if (!MessageDigest.isEqual(stored.requestHash(), key.requestHash())) {
            registry.counter("catalog_bulk_idempotency", "outcome", "mismatch").increment();
            throw new WebapiException(422, Phrase.of(
                    "The Idempotency-Key %key was already used for a different request.", Map.of("key", key.key())));
        }
        registry.counter("catalog_bulk_idempotency", "outcome", "replayed").increment();
    }

    /** The 409 of a request whose key another request is storing right now. */
    public WebapiException inProgress(IdempotencyKeys.Key key) {
        registry.counter("catalog_bulk_idempotency", "outcome", "in_progress").increment();
        return new WebapiException(409, Phrase.of(
                "A request with the Idempotency-Key %key is still being processed. Retry later.", Map.of("key", key.key())));
    }
}
