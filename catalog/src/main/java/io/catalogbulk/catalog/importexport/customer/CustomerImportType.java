package io.catalogbulk.catalog.importexport.customer;

import static io.catalogbulk.catalog.importexport.ImportCells.incorrect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.mindrot.jbcrypt.BCrypt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.customer.CustomerRoutes;
import io.catalogbulk.catalog.customer.CustomerService;
import io.catalogbulk.catalog.customer.PasswordHasher;
import io.catalogbulk.catalog.customer.PasswordSeal;
import io.catalogbulk.catalog.importexport.ImportBehaviour;
import io.catalogbulk.catalog.importexport.ImportEntityType;
import io.catalogbulk.catalog.importexport.ImportRouteCalls;
import io.catalogbulk.catalog.importexport.ImportRow;
import io.catalogbulk.catalog.store.StoreRepository;
import io.catalogbulk.catalog.store.StoreView;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Magento's {@code customer} import ("Customers Main File"): a customer is named by {@code email} and {@code _website}.
 * A new one is created through {@code POST /V1/customers}, an existing one changed through
 * {@code PUT /V1/customers/:customerId} (only the non-empty cells), so the customer routes' rules apply. The
 * {@code password} cell is sealed (bcrypt) before the row is stored anywhere, as the route seals its password.
 */
@ApplicationScoped
@Unremovable
public class CustomerImportType implements ImportEntityType {

    /** Magento 2.4.7's customer export header (Adobe's ImportCsv api-functional fixture customers.csv). */
    public static final List<String> COLUMNS = List.of("email", "_website", "_store", "website_id", "store_id", "created_in", "prefix",
            "firstname", "middlename", "lastname", "suffix", "group_id", "dob", "password_hash", "rp_token", "rp_token_created_at",
            "taxvat", "confirmation", "created_at", "gender", "disable_auto_group_change", "updated_at", "failures_num",
            "first_failure", "lock_expires", "reward_update_notification", "reward_warning_notification", "password");
    /** The text columns written as they are. */
    static final List<String> TEXT = List.of("firstname", "lastname", "middlename", "prefix", "suffix", "taxvat", "confirmation", "dob");
    static final Set<String> APPLIED = new LinkedHashSet<>(List.of("email", "_website", "_store", "firstname", "lastname", "middlename",
            "prefix", "suffix", "group_id", "dob", "taxvat", "confirmation", "gender", "disable_auto_group_change", "password"));
    static final Set<String> IGNORED = ignored();

    private static Set<String> ignored() {
        Set<String> set = new LinkedHashSet<>(COLUMNS);
        set.removeAll(APPLIED);
        return set;
    }

    /** Magento's gender option labels (or their ids) to gender ids. */
    static final Map<String, Integer> GENDERS = Map.of("male", 1, "female", 2, "not specified", 3, "1", 1, "2", 2, "3", 3);
    /** Marks a password cell that holds a bcrypt hash made by {@link #seal}, not a password. */
    static final String SEALED = "{bcrypt}";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*");

    static final String EMAIL_EMPTY = "Please specify an email.";
    static final String EMAIL_INVALID = "Please enter a valid email.";
    static final String WEBSITE_EMPTY = "Please specify a website.";
    static final String INVALID_WEBSITE = "Invalid value in website column";
    static final String INVALID_STORE = "Invalid value in store column";
    static final String NOT_FOUND = "Customer with such email and website code doesn't exist";

    @Inject
    ImportRouteCalls calls;

    @Inject
    CustomerService customers;

    @Inject
    StoreRepository stores;

    @Inject
    PasswordHasher hasher;

    @Override
    public String code() {
        return "customer";
    }

    @Override
    public String aclResource() {
        return CustomerRoutes.MANAGE_CUSTOMERS.name();
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
        return List.of("email", "_website");
    }

    @Override
    public Optional<String> storeColumn() {
        return Optional.of("_store");
    }

    @Override
    public String lockKey(ImportRow row) {
        return "customer-email:" + String.valueOf(row.cell("email")).trim().toLowerCase(Locale.ROOT);
    }

    /** The password cell becomes its bcrypt hash (marked), so no stored row holds a customer's password. */
    @Override
    public ImportRow seal(ImportRow row) {
        if (!row.has("password") || row.cell("password").startsWith(SEALED)) {
            return row;
        }
        Map<String, String> cells = new LinkedHashMap<>(row.cells());
        cells.put("password", SEALED + hasher.hash(row.cell("password")));
        return new ImportRow(row.number(), cells, row.multipleValueSeparator(), row.emptyValueConstant());
    }

    @Override
    public List<String> validate(ImportRow row, ImportBehaviour behaviour) {
        List<String> errors = new ArrayList<>();
        if (!row.has("email")) {
            errors.add(EMAIL_EMPTY);
        } else if (!EMAIL.matcher(row.cell("email").trim()).matches()) {
            errors.add(EMAIL_INVALID);
        }
        if (!row.has("_website")) {
            errors.add(WEBSITE_EMPTY);
        }
        if (behaviour == ImportBehaviour.DELETE) {
            return errors;
        }
        for (String column : List.of("firstname", "lastname", "email", "_website", "group_id")) {
            if (row.isEmptyValue(column)) {
                errors.add(String.format("Please make sure attribute \"%s\" is not empty.", column));
            }
        }
        if (row.has("group_id") && !row.isEmptyValue("group_id") && !row.cell("group_id").trim().matches("\\d{1,9}")) {
            errors.add(incorrect("group_id"));
        }
        if (row.has("gender") && !row.isEmptyValue("gender") && !GENDERS.containsKey(row.cell("gender").trim().toLowerCase(Locale.ROOT))) {
            errors.add(incorrect("gender"));
        }
        if (row.has("dob") && !row.isEmptyValue("dob") && !DATE.matcher(row.cell("dob").trim()).matches()) {
            errors.add(incorrect("dob"));
        }
        if (row.has("disable_auto_group_change") && !row.cell("disable_auto_group_change").trim().matches("[01]")) {
            errors.add(incorrect("disable_auto_group_change"));
        }
        if (row.has("password") && !row.cell("password").startsWith(SEALED) && row.cell("password").length() < 6) {
            errors.add("The password needs at least 6 characters. Create a new password and try again.");
        }
        return errors;
    }

    @Override
    public JsonNode apply(OperationContext context, ImportRow row, ImportBehaviour behaviour) throws Exception {
        Connection connection = context.connection();
        String email = row.cell("email").trim();
        int websiteId = websiteId(connection, row.cell("_website").trim());
        Optional<Integer> existing = customers.lockByEmail(connection, email, websiteId);
        ObjectNode result = Json.NODES.objectNode();
        result.put("email", email);
        if (behaviour == ImportBehaviour.DELETE) {
            int id = existing.orElseThrow(() -> WebapiException.badRequest(NOT_FOUND));
            calls.call(context, StoreScope.all(), "DELETE /V1/customers/:customerId", (ObjectNode) Json.NODES.objectNode().put("customerId", id));
            result.put("deleted", true);
            return result;
        }
        if (behaviour == ImportBehaviour.REPLACE && existing.isPresent()) {
            calls.call(context, StoreScope.all(), "DELETE /V1/customers/:customerId",
                    (ObjectNode) Json.NODES.objectNode().put("customerId", existing.get()));
            existing = Optional.empty();
        }
        ObjectNode customer = customer(connection, row, email, websiteId, existing.isEmpty());
        JsonNode saved;
        if (existing.isPresent()) {
            ObjectNode body = Json.NODES.objectNode();
            body.put("customerId", existing.get());
            body.set("customer", customer);
            saved = calls.call(context, StoreScope.all(), "PUT /V1/customers/:customerId", body);
        } else {
            ObjectNode body = Json.NODES.objectNode();
            body.set("customer", customer);
            String password = row.has("password") ? row.cell("password") : null;
            if (password != null && !password.startsWith(SEALED)) {
                body.put("password", password);
            }
            ObjectNode params = calls.params("POST /V1/customers", body);
            if (password != null && password.startsWith(SEALED)) {
                params.put(PasswordSeal.HASH, password.substring(SEALED.length()));
            }
            saved = calls.invoke(context, StoreScope.all(), "POST /V1/customers", params);
        }
        result.put("id", saved.get("id").asInt());
        return result;
    }

    /** The CustomerInterface body of a row: the non-empty cells, the store from {@code _store} (or the website's first). */
    private ObjectNode customer(Connection connection, ImportRow row, String email, int websiteId, boolean create) throws SQLException {
        ObjectNode customer = Json.NODES.objectNode();
        customer.put("email", email);
        customer.put("website_id", websiteId);
        Optional<StoreView> store = Optional.empty();
        if (row.has("_store")) {
            store = Optional.of(stores.byCode(connection, row.cell("_store").trim())
                    .filter(s -> s.websiteId() == websiteId)
                    .orElseThrow(() -> WebapiException.badRequest(INVALID_STORE)));
        } else if (create) {
            store = stores.list(connection).stream().filter(s -> s.websiteId() == websiteId).findFirst();
        }
        store.ifPresent(s -> customer.put("store_id", s.id()));
        for (String column : TEXT) {
            if (row.has(column)) {
                if (row.isEmptyValue(column)) {
                    customer.putNull(column);
                } else {
                    customer.put(column, row.cell(column).trim());
                }
            }
        }
        if (row.has("group_id")) {
            customer.put("group_id", Integer.parseInt(row.cell("group_id").trim()));
        }
        if (row.has("gender")) {
            if (row.isEmptyValue("gender")) {
                customer.putNull("gender");
            } else {
                customer.put("gender", GENDERS.get(row.cell("gender").trim().toLowerCase(Locale.ROOT)));
            }
        }
        if (row.has("disable_auto_group_change")) {
            customer.put("disable_auto_group_change", Integer.parseInt(row.cell("disable_auto_group_change").trim()));
        }
        return customer;
    }

    private static int websiteId(Connection connection, String code) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT website_id FROM store_website WHERE lower(code) = lower(?) AND website_id <> 0")) {
            statement.setString(1, code);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw WebapiException.badRequest(INVALID_WEBSITE);
                }
                return rs.getInt(1);
            }
        }
    }

    /** Whether a sealed password cell matches a password (tests, diagnostics). */
    static boolean sealedMatches(String cell, String password) {
        return cell.startsWith(SEALED) && BCrypt.checkpw(password, cell.substring(SEALED.length()));
    }
}
