package io.catalogbulk.catalog.importexport.product;

import static io.catalogbulk.catalog.importexport.ImportCells.checkFlag;
import static io.catalogbulk.catalog.importexport.ImportCells.checkNumber;
import static io.catalogbulk.catalog.importexport.ImportCells.incorrect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.attribute.AttributeRepository;
import io.catalogbulk.catalog.attribute.AttributeRepository.Attribute;
import io.catalogbulk.catalog.category.CategoryService;
import io.catalogbulk.catalog.configurable.ConfigurableService;
import io.catalogbulk.catalog.importexport.ImportBehaviour;
import io.catalogbulk.catalog.importexport.ImportCells;
import io.catalogbulk.catalog.importexport.ImportEntityType;
import io.catalogbulk.catalog.importexport.ImportRouteCalls;
import io.catalogbulk.catalog.importexport.ImportRow;
import io.catalogbulk.catalog.inventory.SourceItemService;
import io.catalogbulk.catalog.product.ProductLocks;
import io.catalogbulk.catalog.product.ProductLocks.LockedProduct;
import io.catalogbulk.catalog.product.ProductRoutes;
import io.catalogbulk.catalog.product.ProductSchemas;
import io.catalogbulk.catalog.store.StoreRepository;
import io.catalogbulk.catalog.store.StoreView;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.route.BatchServiceMethod;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Magento's {@code catalog_product} import: one row per SKU and scope (the row without {@code store_view_code} holds
 * the global values, a row with one the values of that store view). A row becomes a call of
 * {@code POST /V1/products} in the row's scope, followed, for what a product body cannot carry, by the routes and
 * services that own it: category paths (created when missing), stock on the {@code default} source
 * ({@code POST /V1/inventory/source-items}) and configurable options and children. Empty cells leave values
 * unchanged; {@link ImportRow#emptyValueConstant} empties the values kept as custom attributes.
 */
@ApplicationScoped
@Unremovable
public class ProductImportType implements ImportEntityType {

    /**
     * Magento 2.4.7's export header for catalog_product (Adobe's ImportCsv api-functional fixture products.csv),
     * plus the columns of Magento's sample file (ImportExport/Files/Sample/catalog_product.csv) the header lacks.
     */
    public static final List<String> COLUMNS = List.of("sku", "store_view_code", "attribute_set_code", "product_type", "categories",
            "product_websites", "name", "description", "short_description", "weight", "product_online", "tax_class_name",
            "visibility", "price", "special_price", "special_price_from_date", "special_price_to_date", "url_key", "meta_title",
            "meta_keywords", "meta_description", "base_image", "base_image_label", "small_image", "small_image_label",
            "thumbnail_image", "thumbnail_image_label", "swatch_image", "swatch_image_label", "created_at", "updated_at",
            "new_from_date", "new_to_date", "display_product_options_in", "map_price", "msrp_price", "map_enabled",
            "gift_message_available", "custom_design", "custom_design_from", "custom_design_to", "custom_layout_update",
            "page_layout", "product_options_container", "msrp_display_actual_price_type", "country_of_manufacture",
            "additional_attributes", "qty", "out_of_stock_qty", "use_config_min_qty", "is_qty_decimal", "allow_backorders",
            "use_config_backorders", "min_cart_qty", "use_config_min_sale_qty", "max_cart_qty", "use_config_max_sale_qty",
            "is_in_stock", "notify_on_stock_below", "use_config_notify_stock_qty", "manage_stock", "use_config_manage_stock",
            "use_config_qty_increments", "qty_increments", "use_config_enable_qty_inc", "enable_qty_increments",
            "is_decimal_divided", "website_id", "related_skus", "related_position", "crosssell_skus", "crosssell_position",
            "upsell_skus", "upsell_position", "additional_images", "additional_image_labels", "hide_from_product_page",
            "custom_options", "bundle_price_type", "bundle_sku_type", "bundle_price_view", "bundle_weight_type", "bundle_values",
            "bundle_shipment_type", "associated_skus", "downloadable_links", "downloadable_samples", "configurable_variations",
            "configurable_variation_labels", "save_rewrites_history", "deferred_stock_update", "use_config_deferred_stock_update");

    /** Columns whose cell becomes a custom attribute of the product, by the attribute code Magento stores it under. */
    static final Map<String, String> ATTRIBUTE_COLUMNS = attributeColumns();

    private static Map<String, String> attributeColumns() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("description", "description");
        map.put("short_description", "short_description");
        map.put("url_key", "url_key");
        map.put("meta_title", "meta_title");
        map.put("meta_keywords", "meta_keyword");
        map.put("meta_description", "meta_description");
        map.put("special_price", "special_price");
        map.put("special_price_from_date", "special_from_date");
        map.put("special_price_to_date", "special_to_date");
        map.put("new_from_date", "news_from_date");
        map.put("new_to_date", "news_to_date");
        return map;
    }

    /** The columns this type applies; every other column of {@link #COLUMNS} is accepted and ignored. */
    static final Set<String> APPLIED = applied();

    private static Set<String> applied() {
        Set<String> set = new LinkedHashSet<>(List.of("sku", "store_view_code", "attribute_set_code", "product_type", "categories",
                "product_websites", "name", "weight", "product_online", "tax_class_name", "visibility", "price",
                "additional_attributes", "qty", "is_in_stock", "configurable_variations"));
        set.addAll(ATTRIBUTE_COLUMNS.keySet());
        return set;
    }

    static final Set<String> IGNORED = ignored();

    private static Set<String> ignored() {
        Set<String> set = new LinkedHashSet<>(COLUMNS);
        set.removeAll(APPLIED);
        return set;
    }

    /** Magento's visibility words (admin locale) to the visibility ids of ProductInterface. */
    static final Map<String, Integer> VISIBILITY = Map.of("not visible individually", 1, "catalog", 2, "search", 3, "catalog, search", 4);
    /** Magento's default tax classes (tax_class_name) to tax_class_id. */
    static final Map<String, String> TAX_CLASSES = Map.of("none", "0", "taxable goods", "2");
    /** additional_attributes that are Magento's bookkeeping, not product data: skipped (an export always has them). */
    static final Set<String> SYSTEM_ATTRIBUTES = Set.of("has_options", "required_options", "quantity_and_stock_status");
    static final String DEFAULT_SOURCE = "default";
    static final String PRODUCT_SAVE = "POST /V1/products";

    static final String SKU_EMPTY = "SKU is empty";
    static final String NOT_EMPTY = "Please make sure attribute \"%s\" is not empty.";
    static final String CANNOT_EMPTY = "The \"%s\" column can't be emptied (%s): leave the cell empty to keep the value.";
    static final String INVALID_TYPE = "Product Type is invalid or not supported";
    static final String INVALID_ATTRIBUTE_SET = "Invalid value for Attribute Set column (set doesn't exist?)";
    static final String INVALID_STORE = "Invalid value in Store column (store doesn't exist?)";
    static final String INVALID_WEBSITE = "Invalid value in Website column (website does not exist?)";
    static final String INVALID_WEIGHT = "Product weight is invalid";
    static final String INVALID_VISIBILITY = "Value for 'visibility' attribute contains incorrect value, see acceptable values on settings"
            + " specified for Admin";
    static final String NO_DEFAULT_ROW = "Default values row does not exist";
    static final String NOT_FOUND_FOR_DELETE = "Product with specified SKU not found";

    @Inject
    ImportRouteCalls calls;

    @Inject
    StoreRepository stores;

    @Inject
    CategoryService categories;

    @Inject
    ConfigurableService configurable;

    @Inject
    SourceItemService sourceItems;

    @Override
    public String code() {
        return "catalog_product";
    }

    @Override
    public String aclResource() {
        return ProductRoutes.PRODUCTS.name();
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public Set<String> ignoredColumns() {
        return IGNORED;
    }

    @Override
    public List<String> keyColumns() {
        return List.of("sku");
    }

    @Override
    public Optional<String> storeColumn() {
        return Optional.of("store_view_code");
    }

    @Override
    public String lockKey(ImportRow row) {
        return "product:" + String.valueOf(row.cell("sku")).trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public List<String> validate(ImportRow row, ImportBehaviour behaviour) {
        List<String> errors = new ArrayList<>();
        if (!row.has("sku") || row.cell("sku").isBlank() || row.isEmptyValue("sku")) {
            errors.add(SKU_EMPTY);
            return errors;
        }
        if (row.cell("sku").trim().length() > 64) {
            errors.add("SKU length should be 64 characters maximum.");
        }
        if (behaviour == ImportBehaviour.DELETE) {
            return errors;
        }
        for (String column : List.of("name", "price")) {
            if (row.isEmptyValue(column)) {
                errors.add(String.format(NOT_EMPTY, column));
            }
        }
        for (String column : List.of("product_type", "attribute_set_code", "weight", "product_online", "visibility", "categories",
                "product_websites", "qty", "is_in_stock", "tax_class_name", "configurable_variations")) {
            if (row.isEmptyValue(column)) {
                errors.add(String.format(CANNOT_EMPTY, column, row.emptyValueConstant()));
            }
        }
        if (row.has("product_type") && !row.isEmptyValue("product_type")
                && !ProductSchemas.TYPES.contains(row.cell("product_type").trim().toLowerCase(Locale.ROOT))) {
            errors.add(INVALID_TYPE);
        }
        if (row.has("attribute_set_code") && !row.isEmptyValue("attribute_set_code")
                && !row.cell("attribute_set_code").trim().equalsIgnoreCase("Default")) {
            errors.add(INVALID_ATTRIBUTE_SET);
        }
        if (row.has("weight") && !row.isEmptyValue("weight")
                && (!ImportCells.isNumber(row.cell("weight")) || ImportCells.number(row.cell("weight")).signum() < 0)) {
            errors.add(INVALID_WEIGHT);
        }
        checkFlag(row, "product_online", errors);
        if (row.has("visibility") && !row.isEmptyValue("visibility") && visibility(row.cell("visibility")) == null) {
            errors.add(INVALID_VISIBILITY);
        }
        if (row.has("tax_class_name") && !row.isEmptyValue("tax_class_name")
                && !TAX_CLASSES.containsKey(row.cell("tax_class_name").trim().toLowerCase(Locale.ROOT))) {
            errors.add(incorrect("tax_class_name"));
        }
        checkNumber(row, "price", false, errors);
        checkNumber(row, "special_price", false, errors);
        checkNumber(row, "qty", false, errors);
        checkFlag(row, "is_in_stock", errors);
        if (row.has("additional_attributes") && !row.isEmptyValue("additional_attributes")) {
            ImportCells.pairs(row.cell("additional_attributes"), row.multipleValueSeparator(), "additional_attributes", errors);
        }
        if (row.has("configurable_variations") && !row.isEmptyValue("configurable_variations")) {
            variations(row, errors);
        }
        return errors;
    }

    @Override
    public JsonNode apply(OperationContext context, ImportRow row, ImportBehaviour behaviour) throws Exception {
        return apply(context, row, behaviour, new Lookups());
    }

    /**
     * The rows of a worker batch, in order. A run of consecutive rows that each create a product (a global row,
     * not a delete, of a SKU that does not exist yet and occurs once in the batch, without configurable variations)
     * is saved with one call of the product route's set-based save, each body carrying its category links and stock
     * item: the same rows {@link #apply} writes for a new product (links at position 0, the default source item), in
     * a few multi-row statements instead of some twenty statements a row. Every other row goes through apply.
     */
    @Override
    public List<JsonNode> applyAll(List<Application> rows) throws Exception {
        Map<String, Integer> skuCounts = new HashMap<>();
        for (Application row : rows) {
            skuCounts.merge(skuKey(row.row()), 1, Integer::sum);
        }
        Set<String> existing = existingSkus(rows.get(0).context().connection(), skuCounts.keySet());
        Lookups lookups = new Lookups();
        List<JsonNode> results = new ArrayList<>(rows.size());
        List<Application> creating = new ArrayList<>();
        for (Application row : rows) {
            String key = skuKey(row.row());
            if (createsProduct(row) && skuCounts.get(key) == 1 && !existing.contains(key)) {
                creating.add(row);
                continue;
            }
            results.addAll(create(creating, lookups));
            creating.clear();
            results.add(apply(row.context(), row.row(), row.behaviour(), lookups));
        }
        results.addAll(create(creating, lookups));
        return results;
    }

    private static String skuKey(ImportRow row) {
        return String.valueOf(row.cell("sku")).trim().toLowerCase(Locale.ROOT);
    }

    /** A row that, for a SKU that does not exist, creates the product and nothing else. */
    private static boolean createsProduct(Application row) {
        return row.behaviour() != ImportBehaviour.DELETE && !row.row().has("store_view_code") && !row.row().has("configurable_variations");
    }

    /** The SKUs (lower case) of these that exist. */
    private static Set<String> existingSkus(Connection connection, Set<String> keys) throws SQLException {
        Set<String> existing = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT lower(sku) FROM catalog_product WHERE lower(sku) = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("varchar", keys.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    existing.add(rs.getString(1));
                }
            }
        }
        return existing;
    }

    /** New products of consecutive rows, through the product route's set-based save: each row's {@link #apply} result. */
    private List<JsonNode> create(List<Application> rows, Lookups lookups) throws Exception {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<BatchServiceMethod.Call> saves = new ArrayList<>(rows.size());
        for (Application application : rows) {
            OperationContext context = application.context();
            ImportRow row = application.row();
            ObjectNode product = product(context.connection(), row, row.cell("sku").trim(), true, lookups);
            List<Integer> categoryIds = categoryIds(context, row, lookups);
            if (!categoryIds.isEmpty()) {
                ArrayNode links = extension(product).putArray("category_links");
                categoryIds.forEach(id -> links.addObject().put("category_id", String.valueOf(id)).put("position", 0));
            }
            if (row.has("qty") || row.has("is_in_stock")) {
                // As stock() decides for a product without a source item yet.
                BigDecimal quantity = row.has("qty") ? ImportCells.number(row.cell("qty")) : BigDecimal.ZERO;
                boolean inStock = row.has("is_in_stock") ? row.cell("is_in_stock").trim().equals("1") : quantity.signum() > 0;
                extension(product).putObject("stock_item").put("qty", quantity).put("is_in_stock", inStock);
            }
            ObjectNode body = Json.NODES.objectNode();
            body.set("product", product);
            saves.add(new BatchServiceMethod.Call(new OperationContext(context.connection(), StoreScope.all(), context.caller(), true),
                    calls.params(PRODUCT_SAVE, body)));
        }
        List<JsonNode> saved = calls.invokeAll(PRODUCT_SAVE, saves);
        List<JsonNode> results = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ObjectNode result = Json.NODES.objectNode();
            result.put("sku", rows.get(i).row().cell("sku").trim());
            result.put("id", saved.get(i).get("id").asLong());
            results.add(result);
        }
        return results;
    }

    private static ObjectNode extension(ObjectNode product) {
        return product.has("extension_attributes") ? (ObjectNode) product.get("extension_attributes") : product.putObject("extension_attributes");
    }

    private JsonNode apply(OperationContext context, ImportRow row, ImportBehaviour behaviour, Lookups lookups) throws Exception {
        Connection connection = context.connection();
        String sku = row.cell("sku").trim();
        Optional<StoreView> store = store(connection, row);
        Optional<LockedProduct> existing = ProductLocks.lock(connection, sku);
        ObjectNode result = Json.NODES.objectNode();
        result.put("sku", sku);
        if (behaviour == ImportBehaviour.DELETE) {
            if (store.isPresent()) {
                // Magento deletes by SKU: the store-view rows of a deleted product have nothing left to delete.
                result.put("skipped", "store view row of a deleted product");
                return result;
            }
            if (existing.isEmpty()) {
                throw WebapiException.badRequest(NOT_FOUND_FOR_DELETE);
            }
            calls.call(context, StoreScope.all(), "DELETE /V1/products/:sku", (ObjectNode) Json.NODES.objectNode().put("sku", sku));
            result.put("deleted", true);
            return result;
        }
        if (store.isPresent() && existing.isEmpty()) {
            throw WebapiException.badRequest(NO_DEFAULT_ROW);
        }
        if (behaviour == ImportBehaviour.REPLACE && store.isEmpty() && existing.isPresent()) {
            calls.call(context, StoreScope.all(), "DELETE /V1/products/:sku", (ObjectNode) Json.NODES.objectNode().put("sku", sku));
        }
        StoreScope scope = store.map(s -> StoreScope.store(s.id())).orElse(StoreScope.all());
        ObjectNode body = Json.NODES.objectNode();
        body.set("product", product(connection, row, sku, store.isEmpty(), lookups));
        JsonNode saved = calls.call(context, scope, PRODUCT_SAVE, body);
        long productId = saved.get("id").asLong();
        result.put("id", productId);
        for (int categoryId : categoryIds(context, row, lookups)) {
            categories.assign(connection, categoryId, productId);
        }
        if (store.isEmpty()) {
            stock(context, row, sku, productId);
            if ("configurable".equals(saved.path("type_id").asText()) && row.has("configurable_variations")) {
                variations(context, row, saved.get("sku").asText());
            }
        }
        return result;
    }

    /** The store view of a row, empty for the global row ({@code admin} is the global scope too). */
    private Optional<StoreView> store(Connection connection, ImportRow row) throws SQLException {
        if (!row.has("store_view_code")) {
            return Optional.empty();
        }
        StoreView store = stores.byCode(connection, row.cell("store_view_code").trim())
                .orElseThrow(() -> WebapiException.badRequest(INVALID_STORE));
        return store.id() == StoreView.ADMIN_ID ? Optional.empty() : Optional.of(store);
    }

    /** The ProductInterface body of a row: only what the row's cells give (empty cells are left out). */
    private ObjectNode product(Connection connection, ImportRow row, String sku, boolean global, Lookups lookups) throws SQLException {
        ObjectNode product = Json.NODES.objectNode();
        product.put("sku", sku);
        if (row.has("name")) {
            product.put("name", row.cell("name"));
        }
        if (row.has("attribute_set_code")) {
            product.put("attribute_set_id", 4);
        }
        if (row.has("price")) {
            product.put("price", ImportCells.number(row.cell("price")));
        }
        if (row.has("product_online")) {
            product.put("status", row.cell("product_online").trim().equals("1") ? 1 : 2);
        }
        if (row.has("visibility")) {
            product.put("visibility", visibility(row.cell("visibility")));
        }
        if (row.has("product_type")) {
            product.put("type_id", row.cell("product_type").trim().toLowerCase(Locale.ROOT));
        }
        if (row.has("weight")) {
            product.put("weight", ImportCells.number(row.cell("weight")));
        }
        if (global && row.has("product_websites")) {
            ArrayNode websites = product.putObject("extension_attributes").putArray("website_ids");
            for (String code : ImportCells.values(row, "product_websites")) {
                websites.add(lookups.websiteId(connection, code));
            }
        }
        ArrayNode attributes = Json.NODES.arrayNode();
        for (Map.Entry<String, String> column : ATTRIBUTE_COLUMNS.entrySet()) {
            if (row.has(column.getKey())) {
                attributes.addObject().put("attribute_code", column.getValue())
                        .put("value", row.isEmptyValue(column.getKey()) ? "" : row.cell(column.getKey()));
            }
        }
        if (row.has("tax_class_name")) {
            attributes.addObject().put("attribute_code", "tax_class_id")
                    .put("value", TAX_CLASSES.get(row.cell("tax_class_name").trim().toLowerCase(Locale.ROOT)));
        }
        additionalAttributes(connection, row, attributes, lookups);
        if (!attributes.isEmpty()) {
            product.set("custom_attributes", attributes);
        }
        return product;
    }

    /**
     * {@code additional_attributes}: each {@code code=value} becomes a custom attribute; a select or multiselect
     * attribute takes its option labels (Magento's file format, multiselect labels separated by {@code |}) and stores
     * their option ids, as the product route expects. An unknown label is the row's error.
     */
    private void additionalAttributes(Connection connection, ImportRow row, ArrayNode attributes, Lookups lookups) throws SQLException {
        if (!row.has("additional_attributes")) {
            return;
        }
        List<String> errors = new ArrayList<>();
        Map<String, String> pairs = row.isEmptyValue("additional_attributes") ? Map.of()
                : ImportCells.pairs(row.cell("additional_attributes"), row.multipleValueSeparator(), "additional_attributes", errors);
        Map<String, Attribute> known = lookups.attributes(connection, pairs.keySet());
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            String code = pair.getKey();
            if (SYSTEM_ATTRIBUTES.contains(code.toLowerCase(Locale.ROOT))) {
                continue;
            }
            String value = pair.getValue();
            Attribute attribute = known.get(code.toLowerCase(Locale.ROOT));
            if (value.equals(row.emptyValueConstant())) {
                value = "";
            } else if (attribute != null && attribute.hasOptions()) {
                List<String> ids = new ArrayList<>();
                for (String label : attribute.frontendInput().equals("multiselect") ? List.of(value.split("\\|")) : List.of(value)) {
                    Optional<Integer> id = optionId(attribute, label);
                    if (id.isEmpty()) {
                        errors.add(incorrect(code));
                    } else {
                        ids.add(String.valueOf(id.get()));
                    }
                }
                value = String.join(",", ids);
            }
            attributes.addObject().put("attribute_code", attribute == null ? code : attribute.code()).put("value", value);
        }
        if (!errors.isEmpty()) {
            throw WebapiException.ofErrors(400, errors.stream().map(Phrase::of).toList());
        }
    }

    /** An option of a select attribute by its label (case-insensitively) or, as Magento's import also takes, its id. */
    static Optional<Integer> optionId(Attribute attribute, String label) {
        String trimmed = label.trim();
        for (Map.Entry<Integer, String> option : attribute.options().entrySet()) {
            if (option.getValue().equalsIgnoreCase(trimmed)) {
                return Optional.of(option.getKey());
            }
        }
        if (trimmed.matches("\\d{1,9}") && attribute.options().containsKey(Integer.parseInt(trimmed))) {
            return Optional.of(Integer.parseInt(trimmed));
        }
        return Optional.empty();
    }

    /** {@code categories}: the ids of each path from the root ({@code Default Category/Gear/Bags}), created when missing. */
    private List<Integer> categoryIds(OperationContext context, ImportRow row, Lookups lookups) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        for (String path : ImportCells.values(row, "categories")) {
            List<String> names = new ArrayList<>();
            for (String name : path.split("/")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
            if (!names.isEmpty()) {
                String key = String.join("/", names);
                Integer id = lookups.categories.get(key);
                if (id == null) {
                    id = categories.ensurePath(context, names, lookups.children);
                    lookups.categories.put(key, id);
                }
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * {@code qty} and {@code is_in_stock}: the product's stock at the {@code default} source, through the source items
     * route. A cell left empty keeps the stored value; a new assignment without {@code is_in_stock} is in stock when its
     * quantity is positive.
     */
    private void stock(OperationContext context, ImportRow row, String sku, long productId) throws Exception {
        if (!row.has("qty") && !row.has("is_in_stock")) {
            return;
        }
        Optional<JsonNode> stored = sourceItems.find(context.connection(), productId, DEFAULT_SOURCE);
        BigDecimal quantity = row.has("qty") ? ImportCells.number(row.cell("qty"))
                : stored.map(s -> s.get("quantity").decimalValue()).orElse(BigDecimal.ZERO);
        int status = row.has("is_in_stock") ? Integer.parseInt(row.cell("is_in_stock").trim())
                : stored.map(s -> s.get("status").asInt()).orElse(quantity.signum() > 0 ? 1 : 0);
        ObjectNode body = Json.NODES.objectNode();
        body.putArray("sourceItems").addObject().put("sku", sku).put("source_code", DEFAULT_SOURCE).put("quantity", quantity)
                .put("status", status);
        calls.call(context, StoreScope.all(), "POST /V1/inventory/source-items", body);
    }

    /** A variation of {@code configurable_variations}: the child's SKU and its attribute values (labels). */
    record Variation(String sku, Map<String, String> values) {
    }

    /** {@code sku=child-1,color=Red|sku=child-2,color=Blue}: every variation needs its sku. */
    static List<Variation> variations(ImportRow row, List<String> errors) {
        List<Variation> out = new ArrayList<>();
        for (String piece : row.cell("configurable_variations").split("\\|")) {
            if (piece.isBlank()) {
                continue;
            }
            Map<String, String> pairs = new LinkedHashMap<>(ImportCells.pairs(piece, ",", "configurable_variations", errors));
            String child = pairs.remove("sku");
            if (child == null || child.isBlank()) {
                errors.add(incorrect("configurable_variations"));
                continue;
            }
            out.add(new Variation(child.trim(), pairs));
        }
        return out;
    }

    /**
     * Makes the variations' attributes configurable options of the parent (offering the labels' option ids) and
     * attaches each child that is not attached yet, through POST /V1/configurable-products/:sku/child (which checks
     * that the child has distinct values of those attributes). Children are rows of the same file or existing products.
     */
    private void variations(OperationContext context, ImportRow row, String parentSku) throws Exception {
        List<String> errors = new ArrayList<>();
        List<Variation> variations = variations(row, errors);
        Connection connection = context.connection();
        Map<String, Set<Integer>> values = new LinkedHashMap<>();
        for (Variation variation : variations) {
            for (Map.Entry<String, String> value : variation.values().entrySet()) {
                Optional<Attribute> attribute = AttributeRepository.find(connection, value.getKey(), false);
                Optional<Integer> id = attribute.flatMap(a -> optionId(a, value.getValue()));
                if (id.isEmpty()) {
                    errors.add(incorrect(value.getKey()));
                } else {
                    values.computeIfAbsent(attribute.get().code(), code -> new TreeSet<>()).add(id.get());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw WebapiException.ofErrors(400, errors.stream().map(Phrase::of).toList());
        }
        if (values.isEmpty()) {
            return;
        }
        configurable.ensureOptions(context, parentSku, values);
        long parentId = ProductLocks.find(connection, parentSku).orElseThrow(ProductLocks::notFound).id();
        for (Variation variation : variations) {
            Optional<LockedProduct> child = ProductLocks.find(connection, variation.sku());
            if (child.isPresent() && configurable.isChild(connection, parentId, child.get().id())) {
                continue;
            }
            ObjectNode body = Json.NODES.objectNode();
            body.put("sku", parentSku);
            body.put("childSku", variation.sku());
            calls.call(context, StoreScope.all(), "POST /V1/configurable-products/:sku/child", body);
        }
    }

    static Integer visibility(String cell) {
        return VISIBILITY.get(cell.trim().replaceAll("\\s*,\\s*", ", ").toLowerCase(Locale.ROOT));
    }

    /**
     * What the rows of one batch look up alike, read once per batch: website ids by code, attributes by code and
     * category ids by path (a category a row creates is in its batch's transaction, so later rows of it see it).
     */
    private static final class Lookups {
        final Map<String, Integer> websites = new HashMap<>();
        final Map<String, Attribute> attributes = new HashMap<>();
        final Set<String> attributesLookedUp = new HashSet<>();
        final Map<String, Integer> categories = new HashMap<>();
        final CategoryService.KnownChildren children = new CategoryService.KnownChildren();

        int websiteId(Connection connection, String code) throws SQLException {
            String key = code.toLowerCase(Locale.ROOT);
            Integer id = websites.get(key);
            if (id == null) {
                id = ProductImportType.websiteId(connection, code);
                websites.put(key, id);
            }
            return id;
        }

        /** The known attributes among these codes, by lower-case code (as AttributeRepository.findByCodes). */
        Map<String, Attribute> attributes(Connection connection, Set<String> codes) throws SQLException {
            Set<String> missing = new HashSet<>();
            for (String code : codes) {
                if (!attributesLookedUp.contains(code.toLowerCase(Locale.ROOT))) {
                    missing.add(code);
                }
            }
            if (!missing.isEmpty()) {
                attributes.putAll(AttributeRepository.findByCodes(connection, missing));
                missing.forEach(code -> attributesLookedUp.add(code.toLowerCase(Locale.ROOT)));
            }
            return attributes;
        }
    }

    private static int websiteId(Connection connection, String code) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT website_id FROM store_website WHERE lower(code) = lower(?)"
                + " AND website_id <> 0")) {
            statement.setString(1, code);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw WebapiException.badRequest(INVALID_WEBSITE);
                }
                return rs.getInt(1);
            }
        }
    }
}
