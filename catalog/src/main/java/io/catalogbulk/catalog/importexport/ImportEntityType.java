package io.catalogbulk.catalog.importexport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.catalogbulk.core.operation.OperationContext;

/**
 * One of Magento's import entity types ({@code catalog_product}, {@code customer}, {@code advanced_pricing},
 * {@code stock_sources}): which columns its files have, which rows are about the same entity, how a row is checked
 * without the database, and how a row is applied. Implementations are CDI beans; {@link ImportEntityTypes} finds
 * them by code. The import machinery (sources, start, split, status) knows no particular type; everything it needs
 * to know about one is here.
 */
public interface ImportEntityType {

    /** Magento's entity code, e.g. {@code catalog_product}. */
    String code();

    /**
     * The ACL resource a principal needs, beside {@code Magento_ImportExport::import}, to import rows of this type:
     * the resource of the routes that change the same entities (a product import needs what saving a product needs).
     */
    String aclResource();

    /** Every column of Magento's own export header for this type, in Magento's order: all are accepted in a file. */
    List<String> columns();

    /**
     * The columns of {@link #columns()} this catalog does not model: a file may hold them, their cells are ignored,
     * and the import lists them as warnings.
     */
    Set<String> ignoredColumns();

    /** The columns that together name the entity a row is about (e.g. {@code sku}); every row needs them. */
    List<String> keyColumns();

    /** The column naming a row's store view ({@code store_view_code}, {@code _store}), if the type has one. */
    Optional<String> storeColumn();

    /**
     * The natural key a row writes, equal to the lock key of the entity's own routes ({@code product:<sku>} for
     * every product row), so an import row and an API call on the same entity are ordered and locked alike.
     */
    String lockKey(ImportRow row);

    /**
     * Checks a row as far as that is possible without the database (required key cells, number and date formats,
     * known words such as visibility or product type): the messages of its errors, empty when it is valid.
     */
    List<String> validate(ImportRow row, ImportBehaviour behaviour);

    /**
     * The row as it may be stored (in an operation, a failed-rows download, a log line): a type whose rows carry a
     * secret (a customer's {@code password}) replaces that cell by a form that is safe to keep, which {@link #apply}
     * understands. The import machinery calls this once per row before storing it; the default keeps the row.
     */
    default ImportRow seal(ImportRow row) {
        return row;
    }

    /**
     * Applies a valid row in the caller's transaction (the worker's savepoint, or the synchronous route's): creates,
     * updates, replaces or deletes what it names, in the store view its store column names (the global scope when
     * that cell is empty). Returns what the operation's result records. A row that cannot be applied throws a
     * {@link io.catalogbulk.core.webapi.WebapiException} whose message becomes the row's error.
     */
    JsonNode apply(OperationContext context, ImportRow row, ImportBehaviour behaviour) throws Exception;

    /** A row of a worker batch: the operation's context (connection, caller), the row and its behaviour. */
    record Application(OperationContext context, ImportRow row, ImportBehaviour behaviour) {
    }

    /**
     * Applies the rows of one worker batch in order, in the worker's transaction: one result per row, as {@link #apply}
     * gives it, with the database as if {@link #apply} had run for each row in order. A row that fails throws (the
     * worker then applies the rows one by one, each in its savepoint, so it fails alone). The default does exactly
     * that one by one; a type overrides it where its rows can be written with multi-row statements.
     */
    default List<JsonNode> applyAll(List<Application> rows) throws Exception {
        List<JsonNode> results = new ArrayList<>(rows.size());
        for (Application row : rows) {
            results.add(apply(row.context(), row.row(), row.behaviour()));
        }
        return results;
    }
}
