package io.catalogbulk.catalog.customer;

import java.sql.SQLException;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.store.StoreRepository;
import io.catalogbulk.catalog.store.StoreView;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.StoreScope;
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
        // Normally sealed at ingest (PasswordSeal); a clear password only in operations stored before sealing existed.
        String passwordHash = params.hasNonNull(PasswordSeal.HASH) ? params.get(PasswordSeal.HASH).asText()
                : params.hasNonNull("password") ? hasher.hash(params.get("password").asText()) : null;
        String dob = text(customer, "dob");
        CustomerRepository.NewCustomer row = new CustomerRepository.NewCustomer(websiteId, storeId, groupId, email,
                customer.get("firstname").asText(), customer.get("lastname").asText(), text(customer, "middlename"),
                text(customer, "prefix"), text(customer, "suffix"), dob == null ? null : LocalDate.parse(dob.substring(0, 10)),
                customer.has("gender") ? customer.get("gender").asInt() : null, text(customer, "taxvat"),
                text(customer, "confirmation"), store.name(), customer.path("disable_auto_group_change").asInt(0),
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

    /** GET /V1/customers/:customerId */
    public JsonNode getById(OperationContext context, ObjectNode params) throws SQLException {
        long id = params.get("customerId").asLong();
        if (id > Integer.MAX_VALUE || id < 0) {
            throw WebapiException.noSuchEntity("customerId", id);
        }
        return repository.read(context.connection(), (int) id)
                .orElseThrow(() -> WebapiException.noSuchEntity("customerId", id));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
