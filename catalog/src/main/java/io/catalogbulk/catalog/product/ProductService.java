package io.catalogbulk.catalog.product;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.attribute.AttributeRepository;
import io.catalogbulk.catalog.urlkey.ProductUrlKeys;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.route.BatchServiceMethod;
import io.catalogbulk.core.search.SearchCriteria;
import io.catalogbulk.core.search.SqlSearch;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Product handlers (Magento's ProductRepositoryInterface): save is an upsert by SKU that changes only the
 * fields it is given, in the store scope of the request.
 */
@ApplicationScoped
@Unremovable
public class ProductService {

    public static final String NOT_FOUND = "The product that was requested doesn't exist. Verify the product and try again.";
    static final int DEFAULT_ATTRIBUTE_SET = 4;
    static final int STATUS_ENABLED = 1;
    static final int VISIBILITY_BOTH = 4;
    /** The largest page GET /V1/products answers (and its page size when none is asked for). */
    static final int MAX_PAGE_SIZE = 1000;

    @Inject
    ProductRepository repository;

    @Inject
    ProductGallery gallery;

    @Inject
    ProductCategoryLinks categoryLinks;

    @Inject
    ProductRelations relations;

    @Inject
    ProductStock stock;

    @Inject
    ProductConfigurableLinks configurableLinks;

    @Inject
    ProductOptions options;

    @Inject
    ProductTierPrices tierPrices;

    @Inject
    ProductConfigurableOptions configurableOptions;

    /** POST /V1/products and PUT /V1/products/:sku. Returns the saved product as the request's store sees it. */
    public JsonNode save(OperationContext context, ObjectNode params) throws SQLException {
        ObjectNode product = (ObjectNode) params.get("product");
        String sku = product.get("sku").asText();
        checkWebsites(product);
        checkSelectValues(context, product);
        ProductValues values = scopedValues(product);
        ProductUrlKeys.checkUnique(context.connection(), sku, context.scope(), product);
        // A bulk import mostly creates products: when the body could create one, insert first (a conflict on
        // the SKU means it exists) and save the lookup, one database round trip of about five per product.
        if (couldCreate(product, values) && create(context, sku, product, values).isPresent()) {
            saveRelated(context, sku, product);
            return saved(context, sku);
        }
        Optional<ProductRepository.ProductRow> existing = repository.lockBySku(context.connection(), sku);
        if (existing.isEmpty()) {
            Optional<Long> created = create(context, sku, product, values);
            if (created.isEmpty()) {
                // Another transaction created the SKU between our lookup and insert: it is an update now.
                existing = repository.lockBySku(context.connection(), sku);
            }
        }
        if (existing.isPresent()) {
            update(context, existing.get(), product, values);
        }
        saveRelated(context, sku, product);
        return saved(context, sku);
    }

    /**
     * What hangs off the product and comes with its body: extension_attributes.category_links, stock_item and
     * configurable_product_options and configurable_product_links, product_links, media_gallery_entries, options and
     * tier_prices. Magento's update rule: a member left out is unchanged, a list given replaces the product's.
     */
    private void saveRelated(OperationContext context, String sku, ObjectNode product) throws SQLException {
        if (!hasRelated(product)) {
            return;
        }
        Connection connection = context.connection();
        // Created or updated in this transaction, so this only takes the lock the update path holds already.
        ProductLocks.LockedProduct locked = ProductLocks.require(connection, sku);
        long id = locked.id();
        JsonNode extension = product.path("extension_attributes");
        if (extension.hasNonNull("category_links")) {
            categoryLinks.replace(connection, id, extension.get("category_links"));
        }
        if (extension.hasNonNull("stock_item")) {
            stock.apply(connection, id, extension.get("stock_item"));
        }
        if (product.hasNonNull("product_links")) {
            relations.replace(connection, id, sku, product.get("product_links"));
        }
        // Options first, as Magento saves them: the children given in the same body are checked against them.
        if (extension.hasNonNull("configurable_product_options")) {
            configurableOptions.replaceOptions(connection, locked, extension.get("configurable_product_options"));
        }
        if (extension.hasNonNull("configurable_product_links")) {
            configurableLinks.replaceChildren(connection, locked, extension.get("configurable_product_links"));
        }
        if (product.hasNonNull("media_gallery_entries")) {
            gallery.replace(connection, id, product.get("media_gallery_entries"));
        }
        if (product.hasNonNull("options")) {
            options.replace(connection, locked, product.get("options"));
        }
        if (product.hasNonNull("tier_prices")) {
            tierPrices.replaceTierPrices(connection, id, product.get("tier_prices"));
        }
    }

    /** A body with members beside the product's own values and websites, saved by {@link #saveRelated}. */
    private static boolean hasRelated(ObjectNode product) {
        JsonNode extension = product.path("extension_attributes");
        return extension.hasNonNull("category_links") || extension.hasNonNull("stock_item") || hasRelatedNotSetBased(product);
    }

    /**
     * A body with members that the set-based batch path does not write (saveAll sends it through save): all of
     * {@link #hasRelated} but category links and stock, which a product created in the batch gets set-based too.
     */
    private static boolean hasRelatedNotSetBased(ObjectNode product) {
        JsonNode extension = product.path("extension_attributes");
        return product.hasNonNull("product_links") || extension.hasNonNull("configurable_product_links")
                || product.hasNonNull("media_gallery_entries") || product.hasNonNull("options") || product.hasNonNull("tier_prices")
                || extension.hasNonNull("configurable_product_options");
    }

    /**
     * Many saves in the worker's transaction (the set-based form of {@link #save}): products that the body can
     * create and whose SKU is new and occurs once in the batch are checked (url keys included), inserted, given
     * their values, category links and stock and read back with one multi-row statement each (about ten statements
     * for the whole batch instead of ten or more per product). Every other call (an existing SKU, a SKU repeated in
     * the batch, a partial body, product links, media, options, tier prices, configurable members) goes through
     * {@link #save} itself, in order. Any error is thrown: the worker then runs the batch again one operation at a
     * time, so the failing one fails alone with save's message.
     */
    public List<JsonNode> saveAll(List<BatchServiceMethod.Call> calls) throws SQLException {
        JsonNode[] results = new JsonNode[calls.size()];
        Map<String, Integer> skuCounts = new HashMap<>();
        for (BatchServiceMethod.Call call : calls) {
            skuCounts.merge(call.params().get("product").get("sku").asText().toLowerCase(), 1, Integer::sum);
        }
        // Set-based candidates, by store scope (a batch may hold operations of several bulks and stores).
        Map<StoreScope, List<Integer>> creatable = new LinkedHashMap<>();
        List<Integer> oneByOne = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            ObjectNode product = (ObjectNode) calls.get(i).params().get("product");
            String sku = product.get("sku").asText().toLowerCase();
            if (skuCounts.get(sku) == 1 && couldCreate(product, scopedValues(product)) && !hasRelatedNotSetBased(product)) {
                creatable.computeIfAbsent(calls.get(i).context().scope(), scope -> new ArrayList<>()).add(i);
            } else {
                oneByOne.add(i);
            }
        }
        for (Map.Entry<StoreScope, List<Integer>> group : creatable.entrySet()) {
            List<Integer> existing = createAll(calls, group.getValue(), results);
            oneByOne.addAll(existing);
        }
        // In call order: a SKU repeated in the batch is saved in the order its operations were submitted.
        oneByOne.sort(null);
        for (int i : oneByOne) {
            results[i] = save(calls.get(i).context(), calls.get(i).params());
        }
        return List.of(results);
    }

    /**
     * Creates the products of {@code indexes} (all in one store scope) with multi-row statements, puts each
     * created product's result into {@code results}, and returns the indexes whose SKU already existed.
     */
    private List<Integer> createAll(List<BatchServiceMethod.Call> calls, List<Integer> indexes, JsonNode[] results)
            throws SQLException {
        OperationContext context = calls.get(indexes.get(0)).context();
        Set<String> codes = new HashSet<>();
        List<ProductRepository.NewProduct> rows = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            ObjectNode product = (ObjectNode) calls.get(i).params().get("product");
            checkWebsites(product);
            codes.addAll(attributeCodes(product));
            rows.add(new ProductRepository.NewProduct(product.get("sku").asText(), product.path("type_id").asText("simple"),
                    product.path("attribute_set_id").asInt(DEFAULT_ATTRIBUTE_SET), decimal(product, "weight")));
        }
        Map<String, AttributeRepository.Attribute> known = AttributeRepository.findByCodes(context.connection(), codes);
        List<JsonNode> products = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            checkSelectValues((ObjectNode) calls.get(i).params().get("product"), known);
            products.add(calls.get(i).params().get("product"));
        }
        ProductUrlKeys.checkUniqueAll(context.connection(), context.scope(), products);
        Map<String, ProductRepository.StoredProduct> created = repository.insertAll(context.connection(), rows);
        List<Integer> existing = new ArrayList<>();
        List<Integer> inserted = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        List<ProductValues> global = new ArrayList<>();
        List<ProductValues> store = new ArrayList<>();
        for (int i : indexes) {
            ObjectNode product = (ObjectNode) calls.get(i).params().get("product");
            ProductRepository.StoredProduct row = created.get(product.get("sku").asText().toLowerCase());
            if (row == null) {
                existing.add(i);
                continue;
            }
            ProductValues values = scopedValues(product);
            inserted.add(i);
            ids.add(row.id());
            global.add(globalValues(values));
            store.add(values);
        }
        if (ids.isEmpty()) {
            return existing;
        }
        Map<Long, ProductRepository.StoredValues> globalRows = repository.upsertValuesAll(context.connection(), ids,
                StoreScope.ADMIN_STORE_ID, global);
        // The single save reads the product back; here the inserts' RETURNING rows already hold what that read
        // would see (a product created in this transaction has no other store rows and no category links).
        Map<Long, ProductRepository.StoredValues> storeRows = context.scope().createAlsoWritesStoreValues()
                && context.scope().storeId() != StoreScope.ADMIN_STORE_ID
                        ? repository.upsertValuesAll(context.connection(), ids, context.scope().storeId(), store)
                        : Map.of();
        // Category links and stock of the new products: one check, one insert and one read back each, as the
        // single save writes and reads them (saveRelated, then saved's withCategoryLinks and withStock).
        Map<Long, JsonNode> links = new LinkedHashMap<>();
        Map<Long, JsonNode> stockItems = new LinkedHashMap<>();
        for (int k = 0; k < inserted.size(); k++) {
            JsonNode extension = calls.get(inserted.get(k)).params().get("product").path("extension_attributes");
            if (extension.hasNonNull("category_links")) {
                links.put(ids.get(k), extension.get("category_links"));
            }
            if (extension.hasNonNull("stock_item")) {
                stockItems.put(ids.get(k), extension.get("stock_item"));
            }
        }
        if (!links.isEmpty()) {
            categoryLinks.insertForNew(context.connection(), links);
        }
        if (!stockItems.isEmpty()) {
            stock.applyAll(context.connection(), stockItems);
        }
        Map<Long, ArrayNode> savedLinks = links.isEmpty() ? Map.of() : categoryLinks.linksOf(context.connection(), links.keySet());
        Map<Long, ObjectNode> savedStock = stockItems.isEmpty() ? Map.of() : stock.stockItems(context.connection(), stockItems.keySet());
        for (int i : inserted) {
            ProductRepository.StoredProduct row = created.get(((ObjectNode) calls.get(i).params().get("product")).get("sku")
                    .asText().toLowerCase());
            ProductRepository.StoredValues globalRow = globalRows.get(row.id());
            if (globalRow == null) {
                throw new IllegalStateException("Product " + row.sku() + " has no global values after its insert");
            }
            ObjectNode result = ProductRepository.view(row, globalRow, storeRows.get(row.id())).toJson();
            withExtension(result, "category_links", savedLinks.get(row.id()));
            results[i] = withExtension(result, "stock_item", savedStock.get(row.id()));
        }
        return existing;
    }

    /** The saved product as the request's store sees it, with its category links, stock and links: the result of a save. */
    private JsonNode saved(OperationContext context, String sku) throws SQLException {
        ObjectNode product = withCategoryLinks(context.connection(), repository.read(context.connection(), sku, context.scope().readStoreId())
                .map(ProductView::toJson)
                .orElseThrow(() -> new IllegalStateException("Product " + sku + " vanished inside its own transaction")));
        ArrayNode links = relations.links(context.connection(), product.get("id").asLong(), product.get("sku").asText());
        if (!links.isEmpty()) {
            product.set("product_links", links);
        }
        return withStock(context.connection(), product);
    }

    /** The product JSON with extension_attributes.stock_item, when the product has stock on the default source. */
    private ObjectNode withStock(Connection connection, ObjectNode product) throws SQLException {
        return withExtension(product, "stock_item", stock.stockItem(connection, product.get("id").asLong()).orElse(null));
    }

    /** The product JSON with extension_attributes.category_links, when the product is in any category. */
    private ObjectNode withCategoryLinks(Connection connection, ObjectNode product) throws SQLException {
        ArrayNode links = categoryLinks.links(connection, product.get("id").asLong());
        return withExtension(product, "category_links", links.isEmpty() ? null : links);
    }

    /** The product JSON with {@code extension_attributes.<member>} set to value, unless value is null. */
    private static ObjectNode withExtension(ObjectNode product, String member, JsonNode value) {
        if (value != null) {
            ObjectNode extension = product.has("extension_attributes") ? (ObjectNode) product.get("extension_attributes")
                    : product.putObject("extension_attributes");
            extension.set(member, value);
        }
        return product;
    }

    /** The body has what a new product needs (name, and price unless configurable). */
    private static boolean couldCreate(ObjectNode product, ProductValues values) {
        return values.name() != null && !values.name().isBlank()
                && (values.price() != null || product.path("type_id").asText("simple").equals("configurable"));
    }

    private Optional<Long> create(OperationContext context, String sku, ObjectNode product, ProductValues values)
            throws SQLException {
        String typeId = product.path("type_id").asText("simple");
        List<Phrase> missing = new ArrayList<>();
        if (values.name() == null || values.name().isBlank()) {
            missing.add(Phrase.of("The \"Name\" attribute value is empty. Set the attribute and try again."));
        }
        if (values.price() == null && !typeId.equals("configurable")) {
            missing.add(Phrase.of("The \"Price\" attribute value is empty. Set the attribute and try again."));
        }
        if (!missing.isEmpty()) {
            throw WebapiException.ofErrors(400, missing);
        }
        Optional<Long> id = repository.insert(context.connection(), sku, typeId,
                product.path("attribute_set_id").asInt(DEFAULT_ATTRIBUTE_SET), decimal(product, "weight"));
        if (id.isEmpty()) {
            return id;
        }
        repository.upsertValues(context.connection(), id.get(), StoreScope.ADMIN_STORE_ID, globalValues(values));
        if (context.scope().createAlsoWritesStoreValues()) {
            repository.upsertValues(context.connection(), id.get(), context.scope().storeId(), values);
        }
        return id;
    }

    /** The global (admin store) values of a new product: the given ones, with Magento's status and visibility defaults. */
    private static ProductValues globalValues(ProductValues values) {
        return new ProductValues(values.name(), values.price(),
                values.status() == null ? STATUS_ENABLED : values.status(),
                values.visibility() == null ? VISIBILITY_BOTH : values.visibility(),
                values.customAttributes());
    }

    private void update(OperationContext context, ProductRepository.ProductRow row, ObjectNode product, ProductValues values)
            throws SQLException {
        repository.updateGlobal(context.connection(), row.id(), Json.text(product, "type_id"),
                product.has("attribute_set_id") ? product.get("attribute_set_id").asInt() : null,
                decimal(product, "weight"));
        if (!values.isEmpty()) {
            repository.upsertValues(context.connection(), row.id(), context.scope().updateStoreId(), values);
        }
    }

    /** GET /V1/products/:sku */
    public JsonNode get(OperationContext context, ObjectNode params) throws SQLException {
        ObjectNode product = repository.read(context.connection(), params.get("sku").asText(), context.scope().readStoreId())
                .map(ProductView::toJson)
                .orElseThrow(() -> WebapiException.notFound(Phrase.of(NOT_FOUND)));
        ProductDetails.enrich(context.connection(), product, gallery);
        product.set("product_links", relations.links(context.connection(), product.get("id").asLong(), product.get("sku").asText()));
        return withStock(context.connection(), withCategoryLinks(context.connection(), product));
    }

    /**
     * GET /V1/products?searchCriteria[...]: Magento's search result (items, search_criteria, total_count), each
     * item as the request's store sees it.
     */
    public JsonNode getList(OperationContext context, ObjectNode params) throws SQLException {
        SearchCriteria criteria = SearchCriteria.fromJson(params.get("searchCriteria"));
        SqlSearch search = SqlSearch.of(criteria, ProductRepository.SEARCH_FIELDS, "p.id ASC", MAX_PAGE_SIZE);
        int storeId = context.scope().readStoreId();
        ObjectNode out = Json.NODES.objectNode();
        ArrayNode items = out.putArray("items");
        for (ProductView view : repository.search(context.connection(), search, storeId)) {
            items.add(view.toJson());
        }
        out.set("search_criteria", criteria.echo());
        out.put("total_count", repository.count(context.connection(), search, storeId));
        return out;
    }

    /** The products with these ids as the context's store sees them (configurable children, say), in id order. */
    public List<JsonNode> views(OperationContext context, List<Long> ids) throws SQLException {
        List<JsonNode> out = new ArrayList<>();
        if (ids.isEmpty()) {
            return out;
        }
        for (ProductView view : repository.readByIds(context.connection(), ids, context.scope().readStoreId())) {
            out.add(view.toJson());
        }
        return out;
    }

    /**
     * A custom attribute that is a select (or multiselect) attribute must carry option ids of that attribute:
     * a configurable product finds its children by them. Other custom attributes (url_key, ...) are free text.
     */
    private static void checkSelectValues(OperationContext context, ObjectNode product) throws SQLException {
        checkSelectValues(product, AttributeRepository.findByCodes(context.connection(), attributeCodes(product)));
    }

    private static List<String> attributeCodes(ObjectNode product) {
        List<String> codes = new ArrayList<>();
        product.path("custom_attributes").forEach(attribute -> codes.add(attribute.get("attribute_code").asText()));
        return codes;
    }

    /** @param known the attribute definitions of (at least) the product's custom attribute codes, by lower-case code */
    private static void checkSelectValues(ObjectNode product, Map<String, AttributeRepository.Attribute> known) {
        JsonNode given = product.get("custom_attributes");
        if (given == null || given.isEmpty()) {
            return;
        }
        List<Phrase> errors = new ArrayList<>();
        for (JsonNode attribute : given) {
            AttributeRepository.Attribute definition = known.get(attribute.get("attribute_code").asText().toLowerCase());
            JsonNode value = attribute.get("value");
            if (definition == null || !definition.hasOptions() || value == null || value.isNull() || value.asText().isEmpty()) {
                continue;
            }
            List<String> ids = definition.frontendInput().equals("multiselect") ? List.of(value.asText().split(",")) : List.of(value.asText());
            for (String id : ids) {
                String trimmed = id.trim();
                if (!trimmed.matches("\\d{1,9}") || !definition.options().containsKey(Integer.parseInt(trimmed))) {
                    errors.add(Phrase.positional("The value \"%1\" is not an option of the \"%2\" attribute. Use one of its option ids: %3.",
                            trimmed, definition.code(), definition.options().keySet().toString()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw WebapiException.ofErrors(400, errors);
        }
    }

    /**
     * DELETE /V1/products/:sku: removes the product in every store; answers true. Its media, custom options,
     * special prices, source items and configurable options and links go with it (ON DELETE CASCADE).
     */
    public JsonNode deleteById(OperationContext context, ObjectNode params) throws SQLException {
        if (!repository.delete(context.connection(), params.get("sku").asText())) {
            throw WebapiException.notFound(Phrase.of(NOT_FOUND));
        }
        return BooleanNode.TRUE;
    }

    private static void checkWebsites(ObjectNode product) {
        JsonNode websites = product.path("extension_attributes").path("website_ids");
        for (JsonNode website : websites) {
            if (website.asInt() != 1) {
                throw WebapiException.noSuchEntity("websiteId", website.asInt());
            }
        }
    }

    private static ProductValues scopedValues(ObjectNode product) {
        ObjectNode attributes = null;
        JsonNode given = product.get("custom_attributes");
        if (given != null && !given.isEmpty()) {
            attributes = Json.NODES.objectNode();
            for (JsonNode attribute : given) {
                attributes.set(attribute.get("attribute_code").asText(), attribute.get("value"));
            }
        }
        return new ProductValues(Json.text(product, "name"), decimal(product, "price"),
                product.has("status") ? product.get("status").asInt() : null,
                product.has("visibility") ? product.get("visibility").asInt() : null,
                attributes);
    }

    private static BigDecimal decimal(ObjectNode node, String field) {
        return node.has(field) ? node.get(field).decimalValue() : null;
    }
}
