package io.catalogbulk.catalog.customer;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.store.StoreRepository;
import io.catalogbulk.catalog.store.StoreView;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.search.SearchCriteria;
import io.catalogbulk.core.search.SearchField;
import io.catalogbulk.core.search.SqlSearch;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/** Customer handlers (Magento's AccountManagementInterface::createAccount, CustomerRepositoryInterface::getById). */
@ApplicationScoped
@Unremovable
public class CustomerService {

    public static final String DUPLICATE_EMAIL = "A customer with the same email address already exists in an associated website.";
    static final int DEFAULT_GROUP = 1;

    @Inject
    CustomerRepository repository;

    @Inject
    StoreRepository stores;

    @Inject
    PasswordHasher hasher;

    @ConfigProperty(name = "catalog-bulk.customers.search-max-page-size", defaultValue = "300")
    int maxPageSize;

    /** POST /V1/customers: {"customer": {...}, "password": "...", "redirectUrl": "..."}. */
    public JsonNode createAccount(OperationContext context, ObjectNode params) throws SQLException {
        JsonNode customer = params.get("customer");
        var connection = context.connection();
        int storeId = customer.has("store_id") ? customer.get("store_id").asInt()
                : context.scope().mode() == StoreScope.Mode.ALL ? StoreView.DEFAULT_ID : context.scope().storeId();
        StoreView store = stores.byId(connection, storeId)
                .orElseThrow(() -> WebapiException.notFound(Phrase.of(WebapiException.STORE_NOT_FOUND)));
        int websiteId = customer.has("website_id") ? customer.get("website_id").asInt() : store.websiteId();
        if (websiteId != store.websiteId() || websiteId == 0) {
            throw WebapiException.badRequest("The store view is not in the associated website.");
        }
        int groupId = customer.path("group_id").asInt(DEFAULT_GROUP);
        if (!repository.groupExists(connection, groupId)) {
            throw WebapiException.badRequest("The specified customer group id does not exist.");
        }
        if (customer.has("id") && repository.exists(connection, customer.get("id").asInt())) {
            throw WebapiException.badRequest("This customer already exists in this store.");
        }
        String email = customer.get("email").asText();
        if (repository.emailTaken(connection, email, websiteId)) {
            throw WebapiException.badRequest(DUPLICATE_EMAIL);
        }
        // Sealed at ingest (PasswordSeal), so the hash is stored as it is; an operation stored unsealed is hashed here.
        String passwordHash = params.hasNonNull(PasswordSeal.HASH) ? params.get(PasswordSeal.HASH).asText()
                : params.hasNonNull("password") ? hasher.hash(params.get("password").asText()) : null;
        String dob = Json.text(customer, "dob");
        CustomerRepository.NewCustomer row = new CustomerRepository.NewCustomer(websiteId, storeId, groupId, email,
                customer.get("firstname").asText(), customer.get("lastname").asText(), Json.text(customer, "middlename"),
                Json.text(customer, "prefix"), Json.text(customer, "suffix"), dob == null ? null : LocalDate.parse(dob.substring(0, 10)),
                customer.has("gender") ? customer.get("gender").asInt() : null, Json.text(customer, "taxvat"),
                Json.text(customer, "confirmation"), store.name(), customer.path("disable_auto_group_change").asInt(0),
                passwordHash, customer.path("extension_attributes").path("is_subscribed").asBoolean(false),
                CustomerRepository.attributeMap(customer.get("custom_attributes")));
        // A concurrent creation of the same address wins the unique index; we report the duplicate.
        int id = repository.insert(connection, row).orElseThrow(() -> WebapiException.badRequest(DUPLICATE_EMAIL));
        Integer billing = null;
        Integer shipping = null;
        for (JsonNode address : customer.path("addresses")) {
            int addressId = repository.insertAddress(connection, id, address);
            if (address.path("default_billing").asBoolean(false)) {
                billing = addressId;
            }
            if (address.path("default_shipping").asBoolean(false)) {
                shipping = addressId;
            }
        }
        if (billing != null || shipping != null) {
            repository.setDefaultAddresses(connection, id, billing, shipping);
        }
        return repository.read(connection, id).orElseThrow();
    }

    /** The customer with this e-mail address in the website (Magento's import key: email and _website), locked. */
    public Optional<Integer> lockByEmail(Connection connection, String email, int websiteId) throws SQLException {
        return repository.lockByEmail(connection, email, websiteId);
    }

    /** GET /V1/customers/:customerId */
    public JsonNode getById(OperationContext context, ObjectNode params) throws SQLException {
        long id = params.get("customerId").asLong();
        if (id > Integer.MAX_VALUE || id < 0) {
            throw WebapiException.noSuchEntity("customerId", id);
        }
        return repository.read(context.connection(), (int) id)
                .orElseThrow(() -> WebapiException.noSuchEntity("customerId", id));
    }

    /** GET /V1/customers/addresses/:addressId: the address as the customer's GET lists it. */
    public JsonNode getAddress(OperationContext context, ObjectNode params) throws SQLException {
        int addressId = params.get("addressId").asInt();
        int customerId = repository.addressOwner(context.connection(), addressId, false)
                .orElseThrow(() -> WebapiException.noSuchEntity("addressId", addressId));
        return address(context, customerId, a -> a.path("id").asInt() == addressId)
                .orElseThrow(() -> WebapiException.noSuchEntity("addressId", addressId));
    }

    /** GET /V1/customers/:customerId/billingAddress: the default billing address, or null. */
    public JsonNode getDefaultBillingAddress(OperationContext context, ObjectNode params) throws SQLException {
        return defaultAddress(context, params, "default_billing");
    }

    /** GET /V1/customers/:customerId/shippingAddress: the default shipping address, or null. */
    public JsonNode getDefaultShippingAddress(OperationContext context, ObjectNode params) throws SQLException {
        return defaultAddress(context, params, "default_shipping");
    }

    /** DELETE /V1/addresses/:addressId: answers true. */
    public JsonNode deleteAddress(OperationContext context, ObjectNode params) throws SQLException {
        int addressId = params.get("addressId").asInt();
        int customerId = repository.addressOwner(context.connection(), addressId, true)
                .orElseThrow(() -> WebapiException.noSuchEntity("addressId", addressId));
        repository.deleteAddress(context.connection(), customerId, addressId);
        return BooleanNode.TRUE;
    }

    private JsonNode defaultAddress(OperationContext context, ObjectNode params, String flag) throws SQLException {
        int customerId = params.get("customerId").asInt();
        repository.read(context.connection(), customerId).orElseThrow(() -> WebapiException.noSuchEntity("customerId", customerId));
        return address(context, customerId, a -> a.path(flag).asBoolean(false))
                .map(JsonNode.class::cast).orElse(com.fasterxml.jackson.databind.node.NullNode.getInstance());
    }

    private java.util.Optional<ObjectNode> address(OperationContext context, int customerId,
            java.util.function.Predicate<JsonNode> which) throws SQLException {
        ObjectNode customer = repository.read(context.connection(), customerId).orElse(null);
        if (customer == null) {
            return java.util.Optional.empty();
        }
        for (JsonNode address : customer.path("addresses")) {
            if (which.test(address)) {
                return java.util.Optional.of((ObjectNode) address);
            }
        }
        return java.util.Optional.empty();
    }

    /** Searchable customer fields: public name to column. */
    static final Map<String, SearchField> SEARCHABLE = searchable();

    private static Map<String, SearchField> searchable() {
        Map<String, SearchField> fields = new LinkedHashMap<>();
        for (String name : List.of("id", "group_id", "store_id", "website_id", "gender")) {
            fields.put(name, new SearchField(name, name, SearchField.ValueType.INTEGER));
        }
        for (String name : List.of("email", "firstname", "lastname", "middlename", "taxvat", "created_in")) {
            fields.put(name, new SearchField(name, name, SearchField.ValueType.TEXT));
        }
        fields.put("created_at", new SearchField("created_at", "created_at", SearchField.ValueType.TIMESTAMP));
        fields.put("updated_at", new SearchField("updated_at", "updated_at", SearchField.ValueType.TIMESTAMP));
        return Collections.unmodifiableMap(fields);
    }

    /**
     * PUT /V1/customers/:customerId: {"customer": {...}}. The URL id wins over customer.id (Magento's
     * UpdateCustomer plugin); members left out keep their value, addresses given replace the customer's addresses.
     */
    public JsonNode save(OperationContext context, ObjectNode params) throws SQLException {
        long given = params.get("customerId").asLong();
        if (given > Integer.MAX_VALUE || given < 1) {
            throw WebapiException.noSuchEntity("customerId", given);
        }
        int id = (int) given;
        JsonNode customer = params.get("customer");
        var connection = context.connection();
        int currentWebsite = repository.lockWebsite(connection, id).orElseThrow(() -> WebapiException.noSuchEntity("customerId", id));
        Map<String, Object> columns = new LinkedHashMap<>();
        int websiteId = customer.has("website_id") ? customer.get("website_id").asInt() : currentWebsite;
        if (customer.has("store_id")) {
            StoreView store = stores.byId(connection, customer.get("store_id").asInt())
                    .orElseThrow(() -> WebapiException.notFound(Phrase.of(WebapiException.STORE_NOT_FOUND)));
            if (store.websiteId() != websiteId) {
                throw WebapiException.badRequest("The store view is not in the associated website.");
            }
            columns.put("store_id", store.id());
        }
        if (customer.has("website_id")) {
            if (!stores.websiteExists(connection, websiteId) || websiteId == 0) {
                throw WebapiException.badRequest("The store view is not in the associated website.");
            }
            columns.put("website_id", websiteId);
        }
        if (customer.has("group_id")) {
            if (!repository.groupExists(connection, customer.get("group_id").asInt())) {
                throw WebapiException.badRequest("The specified customer group id does not exist.");
            }
            columns.put("group_id", customer.get("group_id").asInt());
        }
        String email = Json.text(customer, "email");
        if (email != null) {
            if (repository.emailTakenByOther(connection, email, websiteId, id)) {
                throw WebapiException.badRequest(DUPLICATE_EMAIL);
            }
            columns.put("email", email);
        } else if (customer.has("website_id") && websiteId != currentWebsite) {
            // Moving to another website must not create a duplicate there either.
            String current = repository.read(connection, id).orElseThrow().get("email").asText();
            if (repository.emailTakenByOther(connection, current, websiteId, id)) {
                throw WebapiException.badRequest(DUPLICATE_EMAIL);
            }
        }
        for (String name : List.of("firstname", "lastname")) {
            if (customer.has(name)) {
                if (customer.get(name).asText().isBlank()) {
                    throw WebapiException.requiredField(name);
                }
                columns.put(name, customer.get(name).asText());
            }
        }
        for (String name : List.of("middlename", "prefix", "suffix", "taxvat", "confirmation")) {
            if (customer.has(name)) {
                columns.put(name, Json.text(customer, name));
            }
        }
        if (customer.has("dob")) {
            String dob = Json.text(customer, "dob");
            columns.put("dob", dob == null ? null : LocalDate.parse(dob.substring(0, 10)));
        }
        if (customer.has("gender")) {
            columns.put("gender", customer.get("gender").isNull() ? null : customer.get("gender").asInt());
        }
        if (customer.has("disable_auto_group_change")) {
            columns.put("disable_auto_group_change", customer.get("disable_auto_group_change").asInt());
        }
        if (customer.path("extension_attributes").has("is_subscribed")) {
            columns.put("is_subscribed", customer.get("extension_attributes").get("is_subscribed").asBoolean());
        }
        repository.update(connection, id, columns, CustomerRepository.attributeMap(customer.get("custom_attributes")));
        if (customer.has("addresses")) {
            repository.setDefaultAddresses(connection, id, null, null);
            repository.deleteAddresses(connection, id);
            Integer billing = null;
            Integer shipping = null;
            for (JsonNode address : customer.get("addresses")) {
                int addressId = repository.insertAddress(connection, id, address);
                if (address.path("default_billing").asBoolean(false)) {
                    billing = addressId;
                }
                if (address.path("default_shipping").asBoolean(false)) {
                    shipping = addressId;
                }
            }
            repository.setDefaultAddresses(connection, id, billing, shipping);
        }
        return repository.read(connection, id).orElseThrow();
    }

    /** DELETE /V1/customers/:customerId: answers true. */
    public JsonNode deleteById(OperationContext context, ObjectNode params) throws SQLException {
        long id = params.get("customerId").asLong();
        if (id > Integer.MAX_VALUE || id < 1 || !repository.delete(context.connection(), (int) id)) {
            throw WebapiException.noSuchEntity("customerId", id);
        }
        return BooleanNode.TRUE;
    }

    /** GET /V1/customers/search?searchCriteria[...]: {"items", "search_criteria", "total_count"}. */
    public JsonNode getList(OperationContext context, ObjectNode params) throws SQLException {
        SearchCriteria criteria = SearchCriteria.fromJson(params.get("searchCriteria"));
        SqlSearch search = SqlSearch.of(criteria, SEARCHABLE, "id", maxPageSize);
        CustomerRepository.Page page = repository.search(context.connection(), search);
        ObjectNode out = Json.NODES.objectNode();
        var items = out.putArray("items");
        for (int id : page.ids()) {
            repository.read(context.connection(), id).ifPresent(items::add);
        }
        out.set("search_criteria", criteria.echo());
        out.put("total_count", page.total());
        return out;
    }
}
