package io.catalogbulk.catalog.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.catalogbulk.core.db.TransientErrors;
import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Resolves the store code of a URL to a {@link StoreScope}. Store views change rarely, so they are cached
 * for a few seconds; a code that is not in the cache reloads it once, so a store created a moment ago is
 * found at once.
 */
@ApplicationScoped
public class StoreDirectory {

    /** The code that means "every store" (store 0) in a URL. */
    public static final String ALL = "all";

    @Inject
    DataSource dataSource;

    @Inject
    StoreRepository repository;

    @ConfigProperty(name = "catalog-bulk.stores.cache-ttl", defaultValue = "5s")
    Duration cacheTtl;

    private volatile Snapshot snapshot = new Snapshot(Map.of(), 0);

    private record Snapshot(Map<String, StoreView> byCode, long loadedAt) {
    }

    /**
     * @param storeCode the code from the URL, or null when the URL has none
     * @throws WebapiException 400 "The store that was requested wasn't found..." for an unknown code
     */
    public StoreScope scopeFor(String storeCode) {
        if (storeCode == null) {
            return StoreScope.implicit(StoreView.DEFAULT_ID);
        }
        if (storeCode.equalsIgnoreCase(ALL)) {
            return StoreScope.all();
        }
        StoreView store = find(storeCode).orElseThrow(WebapiException::storeNotFound);
        return StoreScope.store(store.id());
    }

    public Optional<StoreView> find(String code) {
        String key = code.toLowerCase(Locale.ROOT);
        Snapshot current = snapshot;
        boolean fresh = System.currentTimeMillis() - current.loadedAt() < cacheTtl.toMillis();
        StoreView store = current.byCode().get(key);
        if (store != null && fresh) {
            return Optional.of(store);
        }
        return Optional.ofNullable(reload().byCode().get(key));
    }

    private Snapshot reload() {
        try (Connection connection = dataSource.getConnection()) {
            List<StoreView> stores = repository.list(connection);
            Snapshot loaded = new Snapshot(stores.stream()
                    .collect(Collectors.toUnmodifiableMap(s -> s.code().toLowerCase(Locale.ROOT), Function.identity())),
                    System.currentTimeMillis());
            snapshot = loaded;
            return loaded;
        } catch (SQLException e) {
            if (TransientErrors.isConnectionFailure(e) || TransientErrors.isTransient(e)) {
                throw WebapiException.serviceUnavailable("The database is unavailable. Retry later.", 5);
            }
            throw new IllegalStateException("Cannot load store views", e);
        }
    }
}
