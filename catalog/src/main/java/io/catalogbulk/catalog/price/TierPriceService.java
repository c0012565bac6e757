package io.catalogbulk.catalog.price;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.price.PriceService.Failure;
import io.catalogbulk.catalog.product.ProductLocks;
import io.catalogbulk.catalog.product.ProductLocks.LockedProduct;
import io.catalogbulk.catalog.product.ProductTierPrices;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Tier prices (Magento's TierPriceStorageInterface): a price per SKU, website, customer group and quantity, fixed or
 * a percentage discount. A tier price is identified by SKU, website, customer group and quantity: {@code update} adds
 * or changes those given, {@code replace} replaces all tier prices of each SKU given, {@code delete} removes those
 * given. As the other price storages, a synchronous call saves the valid items and answers the refused ones
 * ({@code []} when none); executed as a queued operation, a refused item fails the whole call and nothing is saved.
 */
@ApplicationScoped
@Unremovable
public class TierPriceService implements ProductTierPrices {

    /** Magento's customer group id meaning every group (ProductTierPriceInterface). */
    public static final int ALL_GROUPS_ID = 32000;
    /** How Magento's TierPriceStorage names every group; compared case-insensitively. */
    public static final String ALL_GROUPS = "all groups";
    public static final String FIXED = "fixed";
    public static final String DISCOUNT = "discount";

    private static final String ROW_ID = " Row ID: SKU = %SKU, Website ID: %websiteId, Customer Group: %customerGroup, Quantity: %qty.";
    static final String INVALID_SKU = "Invalid attribute SKU = %SKU." + ROW_ID;
    static final String INVALID_PRICE = "Invalid attribute Price = %price." + ROW_ID;
    static final String INVALID_PRICE_TYPE = "Invalid attribute Price Type = %priceType." + ROW_ID;
    static final String INVALID_QUANTITY = "Invalid attribute Quantity = %qty." + ROW_ID;
    static final String INVALID_WEBSITE = "Invalid attribute Website ID = %websiteId." + ROW_ID;
    static final String NO_SUCH_GROUP = "No such entity with Customer Group = %customerGroup." + ROW_ID;
    static final String DUPLICATE = "We found a duplicate website, tier price, customer group and quantity: "
            + "Customer Group = %customerGroup, Website ID = %websiteId, Quantity = %qty." + ROW_ID;

    private enum Mode { UPDATE, REPLACE, DELETE }

    /** A valid item, resolved: the product, website, group id, quantity, value and type. */
    private record Tier(long productId, int websiteId, int groupId, BigDecimal qty, BigDecimal value, String type) {
    }

    /** POST /V1/products/tier-prices */
    public JsonNode update(OperationContext context, ObjectNode params) throws SQLException {
        return change(context, params, Mode.UPDATE);
    }

    /** PUT /V1/products/tier-prices */
    public JsonNode replace(OperationContext context, ObjectNode params) throws SQLException {
        return change(context, params, Mode.REPLACE);
    }

    /** POST /V1/products/tier-prices-delete */
    public JsonNode delete(OperationContext context, ObjectNode params) throws SQLException {
        return change(context, params, Mode.DELETE);
    }

    /**
     * tier_prices of a product save (ProductTierPriceInterface entries): they replace the product's tier prices. An
     * entry with extension_attributes.percentage_value is a discount of that percentage (its value, what GET shows the
     * discount gives, is ignored); website_id left out is 0, every website. Any broken entry is a 400 for the save.
     */
    @Override
    public void replaceTierPrices(Connection connection, long productId, JsonNode tierPrices) throws SQLException {
        Set<Integer> groups = new HashSet<>(groupIds(connection).values());
        groups.add(ALL_GROUPS_ID);
        Set<Integer> websites = websiteIds(connection);
        List<Tier> tiers = new ArrayList<>();
        Set<List<Object>> seen = new HashSet<>();
        for (JsonNode entry : tierPrices) {
            Tier tier = productTier(productId, entry, groups, websites);
            if (!seen.add(List.of(tier.websiteId(), tier.groupId(), tier.qty().stripTrailingZeros()))) {
                throw WebapiException.badRequest(Phrase.of("We found a duplicate website, tier price, customer group and quantity."));
            }
            tiers.add(tier);
        }
        deleteAll(connection, productId);
        for (Tier tier : tiers) {
            save(connection, tier);
        }
    }

    /** One ProductTierPriceInterface entry, checked: every member it needs, a known group and website, a sane amount. */
    private static Tier productTier(long productId, JsonNode entry, Set<Integer> groups, Set<Integer> websites) {
        for (String field : List.of("customer_group_id", "qty")) {
            if (!entry.hasNonNull(field)) {
                throw WebapiException.requiredField(field);
            }
        }
        JsonNode extension = entry.path("extension_attributes");
        boolean discount = extension.hasNonNull("percentage_value");
        if (!discount && !entry.hasNonNull("value")) {
            throw WebapiException.requiredField("value");
        }
        int group = entry.get("customer_group_id").asInt();
        if (!groups.contains(group)) {
            throw WebapiException.badRequest(Phrase.positional("No such entity with Customer Group = %1.", String.valueOf(group)));
        }
        int website = extension.path("website_id").asInt(0);
        if (!websites.contains(website)) {
            throw WebapiException.badRequest(Phrase.positional("Invalid attribute Website ID = %1.", String.valueOf(website)));
        }
        BigDecimal qty = entry.get("qty").decimalValue();
        if (qty.setScale(4, RoundingMode.HALF_UP).signum() <= 0) {
            throw WebapiException.badRequest(Phrase.positional("Invalid attribute Quantity = %1.", qty.toPlainString()));
        }
        if (discount) {
            BigDecimal percentage = extension.get("percentage_value").decimalValue();
            if (percentage.signum() < 0 || percentage.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw WebapiException.badRequest(Phrase.of("Percentage value must be a number between 0 and 100."));
            }
            return new Tier(productId, website, group, qty, percentage, DISCOUNT);
        }
        return new Tier(productId, website, group, qty, entry.get("value").decimalValue(), FIXED);
    }

    /** Deletes every tier price of a product (the import's delete of a SKU without tier columns); answers how many. */
    public int deleteAll(Connection connection, long productId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM catalog_product_tier_price WHERE product_id = ?")) {
            statement.setLong(1, productId);
            return statement.executeUpdate();
        }
    }

    /**
     * POST /V1/products/tier-prices-information {"skus": [...]}: the tier prices of the SKUs, each as Magento's
     * TierPriceInterface. An unknown SKU is a 404 naming it, as Magento's InvalidSkuProcessor answers.
     */
    public JsonNode get(OperationContext context, ObjectNode params) throws SQLException {
        Connection connection = context.connection();
        List<String> missing = new ArrayList<>();
        Map<Long, String> skus = new LinkedHashMap<>();
        for (JsonNode sku : params.path("skus")) {
            Optional<LockedProduct> product = ProductLocks.find(connection, sku.asText());
            if (product.isEmpty()) {
                missing.add(sku.asText());
            } else {
                skus.put(product.get().id(), product.get().sku());
            }
        }
        if (!missing.isEmpty()) {
            throw WebapiException.notFound(Phrase.of(missing.size() == 1 ? "Requested product doesn't exist: %sku"
                    : "Requested products don't exist: %sku", Map.of("sku", String.join(", ", missing))));
        }
        Map<Integer, String> groups = groupCodes(connection);
        ArrayNode out = Json.NODES.arrayNode();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT product_id, website_id, customer_group_id, qty, value, value_type FROM catalog_product_tier_price"
                        + " WHERE product_id = ANY (?) ORDER BY product_id, website_id, customer_group_id, qty")) {
            statement.setArray(1, connection.createArrayOf("bigint", skus.keySet().toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ObjectNode price = out.addObject();
                    price.set("price", Json.number(rs.getBigDecimal(5)));
                    price.put("price_type", rs.getString(6));
                    price.put("website_id", rs.getInt(2));
                    price.put("sku", skus.get(rs.getLong(1)));
                    int group = rs.getInt(3);
                    price.put("customer_group", group == ALL_GROUPS_ID ? ALL_GROUPS : groups.getOrDefault(group, String.valueOf(group)));
                    price.set("quantity", Json.number(rs.getBigDecimal(4)));
                }
            }
        }
        return out;
    }

    private JsonNode change(OperationContext context, ObjectNode params, Mode mode) throws SQLException {
        Connection connection = context.connection();
        List<JsonNode> prices = new ArrayList<>();
        params.get("prices").forEach(prices::add);
        // Products locked in SKU order, as every other price call does: concurrent calls cannot deadlock.
        Map<String, Optional<LockedProduct>> products = new HashMap<>();
        for (String sku : new TreeSet<>(prices.stream().map(p -> p.path("sku").asText("").toLowerCase(Locale.ROOT)).toList())) {
            products.put(sku, sku.isBlank() ? Optional.empty() : ProductLocks.lock(connection, sku));
        }
        Map<String, Integer> groups = groupIds(connection);
        Set<Integer> websites = websiteIds(connection);
        List<Failure> failures = new ArrayList<>();
        List<Tier> valid = new ArrayList<>();
        Set<List<Object>> seen = new HashSet<>();
        for (JsonNode price : prices) {
            Optional<LockedProduct> product = products.get(price.path("sku").asText("").toLowerCase(Locale.ROOT));
            List<Failure> refused = validate(price, product, groups, websites);
            if (refused.isEmpty()) {
                Tier tier = tier(price, product.get(), groups);
                if (!seen.add(List.of(tier.productId(), tier.websiteId(), tier.groupId(), tier.qty().stripTrailingZeros()))) {
                    refused = List.of(failure(DUPLICATE, price, null, null));
                } else {
                    valid.add(tier);
                }
            }
            failures.addAll(refused);
        }
        if (!failures.isEmpty() && context.asynchronous()) {
            throw WebapiException.ofErrors(400, failures.stream().map(f -> Phrase.of(f.message(), f.parameters())).toList());
        }
        if (mode == Mode.REPLACE) {
            for (long productId : new TreeSet<>(valid.stream().map(Tier::productId).toList())) {
                deleteAll(connection, productId);
            }
        }
        for (Tier tier : valid) {
            if (mode == Mode.DELETE) {
                remove(connection, tier);
            } else {
                save(connection, tier);
            }
            touch(connection, tier.productId());
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

    /** Magento's TierPriceValidator checks, in its order; every failed check is one refused entry. */
    private static List<Failure> validate(JsonNode price, Optional<LockedProduct> product, Map<String, Integer> groups,
            Set<Integer> websites) {
        List<Failure> failures = new ArrayList<>();
        if (product.isEmpty()) {
            failures.add(failure(INVALID_SKU, price, null, null));
        }
        String type = price.path("price_type").asText("");
        BigDecimal value = price.hasNonNull("price") ? price.get("price").decimalValue() : null;
        if (value == null || value.signum() < 0 || DISCOUNT.equals(type) && value.compareTo(BigDecimal.valueOf(100)) > 0) {
            failures.add(failure(INVALID_PRICE, price, "price", value == null ? "" : value.toPlainString()));
        }
        if (!FIXED.equals(type) && !DISCOUNT.equals(type)) {
            failures.add(failure(INVALID_PRICE_TYPE, price, "priceType", type));
        }
        if (!price.hasNonNull("quantity") || price.get("quantity").decimalValue().signum() <= 0) {
            failures.add(failure(INVALID_QUANTITY, price, null, null));
        }
        if (!price.hasNonNull("website_id") || !websites.contains(price.get("website_id").asInt())) {
            failures.add(failure(INVALID_WEBSITE, price, null, null));
        }
        String group = price.path("customer_group").asText("").toLowerCase(Locale.ROOT);
        if (!ALL_GROUPS.equals(group) && !groups.containsKey(group)) {
            failures.add(failure(NO_SUCH_GROUP, price, null, null));
        }
        return failures;
    }

    private static Tier tier(JsonNode price, LockedProduct product, Map<String, Integer> groups) {
        String group = price.get("customer_group").asText().toLowerCase(Locale.ROOT);
        return new Tier(product.id(), price.get("website_id").asInt(), ALL_GROUPS.equals(group) ? ALL_GROUPS_ID : groups.get(group),
                price.get("quantity").decimalValue(), price.get("price").decimalValue(), price.get("price_type").asText());
    }

    /** A refused item: the message's own argument first (when it has one), then the row id's four values. */
    private static Failure failure(String message, JsonNode price, String firstName, String firstValue) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (firstName != null) {
            parameters.put(firstName, firstValue);
        }
        parameters.put("SKU", price.path("sku").asText(""));
        parameters.put("websiteId", price.path("website_id").asText(""));
        parameters.put("customerGroup", price.path("customer_group").asText(""));
        parameters.put("qty", price.path("quantity").asText(""));
        return new Failure(message, parameters);
    }

    private static void save(Connection connection, Tier tier) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO catalog_product_tier_price (product_id, website_id, customer_group_id, qty, value, value_type)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (product_id, website_id, customer_group_id, qty)"
                        + " DO UPDATE SET value = EXCLUDED.value, value_type = EXCLUDED.value_type")) {
            statement.setLong(1, tier.productId());
            statement.setInt(2, tier.websiteId());
            statement.setInt(3, tier.groupId());
            statement.setBigDecimal(4, tier.qty());
            statement.setBigDecimal(5, tier.value());
            statement.setString(6, tier.type());
            statement.executeUpdate();
        }
    }

    private static void remove(Connection connection, Tier tier) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM catalog_product_tier_price WHERE product_id = ? AND website_id = ? AND customer_group_id = ? AND qty = ?")) {
            statement.setLong(1, tier.productId());
            statement.setInt(2, tier.websiteId());
            statement.setInt(3, tier.groupId());
            statement.setBigDecimal(4, tier.qty());
            statement.executeUpdate();
        }
    }

    private static void touch(Connection connection, long productId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE catalog_product SET updated_at = now() WHERE id = ?")) {
            statement.setLong(1, productId);
            statement.executeUpdate();
        }
    }

    /** Customer group ids by lower-case code. */
    public static Map<String, Integer> groupIds(Connection connection) throws SQLException {
        Map<String, Integer> groups = new HashMap<>();
        groupCodes(connection).forEach((id, code) -> groups.put(code.toLowerCase(Locale.ROOT), id));
        return groups;
    }

    private static Map<Integer, String> groupCodes(Connection connection) throws SQLException {
        Map<Integer, String> groups = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT group_id, code FROM customer_group");
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                groups.put(rs.getInt(1), rs.getString(2));
            }
        }
        return groups;
    }

    private static Set<Integer> websiteIds(Connection connection) throws SQLException {
        Set<Integer> ids = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT website_id FROM store_website");
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }
}
