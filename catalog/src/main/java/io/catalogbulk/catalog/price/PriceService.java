package io.catalogbulk.catalog.price;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.product.ProductLocks;
import io.catalogbulk.catalog.product.ProductLocks.LockedProduct;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Base and special prices (BasePriceStorageInterface, SpecialPriceStorageInterface). Synchronously, as in
 * Magento, the valid items are saved and the refused ones are listed in a 200 answer ({@code []} when all were
 * saved). Asynchronously nobody reads that answer, so a call with a refused item fails its operation (status 3)
 * with every item's reason and saves nothing: the client corrects the items and retries the operation.
 */
@ApplicationScoped
@Unremovable
public class PriceService {

    static final String INVALID_ATTRIBUTE = "Invalid attribute %fieldName = %fieldValue.";
    static final String STORE_NOT_FOUND = "Requested store is not found. Row ID: SKU = %SKU, Store ID: %storeId.";
    static final String INVALID_PERIOD = "Invalid attribute %fieldName = %fieldValue. Row ID: SKU = %SKU, Store ID: %storeId, "
            + "Price From: %priceFrom, Price To: %priceTo.";

    private static final DateTimeFormatter DATE = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[ HH:mm[:ss]]")
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
            .toFormatter();

    /** One refused item: Magento's message with named placeholders and their values in order. */
    record Failure(String message, Map<String, String> parameters) {
    }

    /** POST /V1/products/base-prices */
    public JsonNode updateBase(OperationContext context, ObjectNode params) throws SQLException {
        return update(context, params, false);
    }

    /** POST /V1/products/special-price */
    public JsonNode updateSpecial(OperationContext context, ObjectNode params) throws SQLException {
        return update(context, params, true);
    }

    private JsonNode update(OperationContext context, ObjectNode params, boolean special) throws SQLException {
        Connection connection = context.connection();
        List<JsonNode> prices = new ArrayList<>();
        params.get("prices").forEach(prices::add);
        // Lock every product in SKU order, the order concurrent price calls use too: they cannot deadlock.
        Map<String, Optional<LockedProduct>> products = new HashMap<>();
        for (String sku : prices.stream().map(p -> p.path("sku").asText("").toLowerCase()).distinct().sorted().toList()) {
            products.put(sku, sku.isEmpty() ? Optional.empty() : ProductLocks.lock(connection, sku));
        }
        List<Failure> failures = new ArrayList<>();
        for (JsonNode price : prices) {
            String sku = price.path("sku").asText("");
            Optional<LockedProduct> product = products.get(sku.toLowerCase());
            Optional<Failure> failure = validate(connection, price, product.isPresent(), special);
            if (failure.isPresent()) {
                failures.add(failure.get());
            } else if (special) {
                specialPrice(connection, product.get().id(), price);
            } else {
                basePrice(connection, product.get().id(), price);
            }
        }
        if (!failures.isEmpty() && context.asynchronous()) {
            throw WebapiException.ofErrors(400, failures.stream()
                    .map(f -> Phrase.of(f.message(), f.parameters())).toList());
        }
        ArrayNode out = Json.NODES.arrayNode();
        for (Failure failure : failures) {
            ObjectNode item = out.addObject();
            item.put("message", failure.message());
            ArrayNode values = item.putArray("parameters");
            failure.parameters().values().forEach(values::add);
        }
        return out;
    }

    private static Optional<Failure> validate(Connection connection, JsonNode price, boolean exists, boolean special) throws SQLException {
        String sku = price.path("sku").asText("");
        if (!exists) {
            return Optional.of(new Failure(INVALID_ATTRIBUTE, ordered("fieldName", "SKU", "fieldValue", sku)));
        }
        if (!price.hasNonNull("price") || price.get("price").decimalValue().signum() < 0) {
            return Optional.of(new Failure(INVALID_ATTRIBUTE, ordered("fieldName", "Price", "fieldValue",
                    price.hasNonNull("price") ? price.get("price").asText() : "")));
        }
        if (!price.hasNonNull("store_id")) {
            return Optional.of(new Failure(INVALID_ATTRIBUTE, ordered("fieldName", "store_id", "fieldValue", "")));
        }
        int storeId = price.get("store_id").asInt();
        if (!storeExists(connection, storeId)) {
            return Optional.of(new Failure(STORE_NOT_FOUND, ordered("SKU", sku, "storeId", String.valueOf(storeId))));
        }
        if (special) {
            String from = price.path("price_from").asText("");
            String to = price.path("price_to").asText("");
            LocalDateTime fromDate = date(from);
            LocalDateTime toDate = date(to);
            boolean badFrom = from.isEmpty() || fromDate == null;
            boolean badTo = !to.isEmpty() && toDate == null;
            if (badFrom || badTo || toDate != null && toDate.isBefore(fromDate)) {
                Map<String, String> parameters = ordered("fieldName", badTo && !badFrom ? "Price To" : "Price From",
                        "fieldValue", badTo && !badFrom ? to : from);
                parameters.put("SKU", sku);
                parameters.put("storeId", String.valueOf(storeId));
                parameters.put("priceFrom", from);
                parameters.put("priceTo", to);
                return Optional.of(new Failure(INVALID_PERIOD, parameters));
            }
        }
        return Optional.empty();
    }

    /** Store 0 sets the global price; another store overrides it for that store only. */
    private static void basePrice(Connection connection, long productId, JsonNode price) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO catalog_product_store_value AS v (product_id, store_id, price) VALUES (?, ?, ?)"
                        + " ON CONFLICT (product_id, store_id) DO UPDATE SET price = EXCLUDED.price")) {
            statement.setLong(1, productId);
            statement.setInt(2, price.get("store_id").asInt());
            statement.setBigDecimal(3, price.get("price").decimalValue());
            statement.executeUpdate();
            touch(connection, productId);
        }
    }

    private static void specialPrice(Connection connection, long productId, JsonNode price) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO catalog_product_special_price (product_id, store_id, price, price_from, price_to) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (product_id, store_id) DO UPDATE SET price = EXCLUDED.price,"
                        + " price_from = EXCLUDED.price_from, price_to = EXCLUDED.price_to")) {
            statement.setLong(1, productId);
            statement.setInt(2, price.get("store_id").asInt());
            statement.setBigDecimal(3, price.get("price").decimalValue());
            statement.setTimestamp(4, Timestamp.valueOf(date(price.get("price_from").asText())));
            String to = price.path("price_to").asText("");
            statement.setTimestamp(5, to.isEmpty() ? null : Timestamp.valueOf(date(to)));
            statement.executeUpdate();
            touch(connection, productId);
        }
    }

    private static void touch(Connection connection, long productId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE catalog_product SET updated_at = now() WHERE id = ?")) {
            statement.setLong(1, productId);
            statement.executeUpdate();
        }
    }

    private static boolean storeExists(Connection connection, int storeId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM store WHERE store_id = ?")) {
            statement.setInt(1, storeId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static LocalDateTime date(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.trim(), DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Map<String, String> ordered(String k1, String v1, String k2, String v2) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
