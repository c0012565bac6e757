package io.catalogbulk.catalog.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.route.HttpMethod;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteInput;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

class CustomerRoutesTest {

    private static final RouteDeclaration CREATE = CustomerRoutes.ROUTES.stream()
            .filter(r -> r.method() == HttpMethod.POST).findFirst().orElseThrow();
    private static final RouteDeclaration GET = CustomerRoutes.ROUTES.stream()
            .filter(r -> r.method() == HttpMethod.GET).findFirst().orElseThrow();

    private static final String JANE = "{\"email\":\"jane@example.com\",\"firstname\":\"Jane\",\"lastname\":\"Doe\"}";

    private static RouteInput.Item create(String body) {
        return RouteInput.fromRequest(CREATE, Json.parse(body), Map.of());
    }

    private static List<String> rendered(RouteInput.Item item) {
        return item.errors().stream().map(Phrase::render).toList();
    }

    @Test
    void createAccountIsAnAsyncIntegrationRoute() {
        assertEquals("/V1/customers", CREATE.path().template());
        assertEquals("Magento\\Customer\\Api\\AccountManagementInterface::createAccount", CREATE.service().display());
        assertEquals("Magento_Customer::manage", CREATE.aclResource().name());
        assertFalse(CREATE.anonymous());
        assertTrue(CREATE.asyncAllowed());
        assertEquals("async.magento.customer.api.accountmanagementinterface.createaccount.post", CREATE.topic());
        assertEquals("/V1/customers", CREATE.bulkPath());
    }

    @Test
    void getByIdIsSyncOnlyWithAnIntId() {
        assertEquals("/V1/customers/:customerId", GET.path().template());
        assertEquals("Magento_Customer::customer", GET.aclResource().name());
        assertFalse(GET.asyncAllowed());
        assertEquals("/V1/customers/byCustomerId", GET.bulkPath());
        assertEquals(ScalarType.INT, GET.pathParamType("customerId"));
        RouteInput.Item ok = RouteInput.fromRequest(GET, null, Map.of("customerId", "12"));
        assertEquals(Json.parse("{\"customerId\":12}"), reparsed(ok.params()));
        RouteInput.Item bad = RouteInput.fromRequest(GET, null, Map.of("customerId", "jane"));
        assertEquals(List.of("The \"jane\" value's type is invalid. The \"int\" type was expected. Verify and try again."), rendered(bad));
    }

    @Test
    void aValidAccount() {
        RouteInput.Item item = create("{\"customer\":{\"lastname\":\"Doe\",\"firstname\":\"Jane\",\"email\":\"jane@example.com\","
                + "\"addresses\":[{\"firstname\":\"Jane\",\"lastname\":\"Doe\",\"street\":[\"1 Main St\"],\"city\":\"Austin\","
                + "\"countryId\":\"US\",\"default_billing\":\"1\"}]},\"password\":\"Str0ng-Pass\",\"redirect_url\":\"\"}");
        assertTrue(item.valid(), () -> item.errors().toString());
        ObjectNode customer = (ObjectNode) item.params().get("customer");
        assertEquals(List.of("email", "firstname", "lastname", "addresses"), fieldNames(customer), "declared order");
        assertEquals(Json.parse("{\"country_id\":\"US\",\"street\":[\"1 Main St\"],\"city\":\"Austin\",\"firstname\":\"Jane\","
                + "\"lastname\":\"Doe\",\"default_billing\":true}"), customer.get("addresses").get(0));
        assertEquals("", item.params().get("redirectUrl").asText());
    }

    @Test
    void requiredCustomerFieldsAreReported() {
        RouteInput.Item item = create("{\"customer\":{\"firstname\":\"Jane\"}}");
        assertEquals(List.of(
                Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "email")),
                Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "lastname"))), item.errors());
        assertEquals(List.of(Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "customer"))),
                create("{\"password\":\"Str0ng-Pass\"}").errors());
    }

    @Test
    void requiredAddressFieldsAreReported() {
        RouteInput.Item item = create("{\"customer\":{\"email\":\"jane@example.com\",\"firstname\":\"Jane\",\"lastname\":\"Doe\","
                + "\"addresses\":[{\"telephone\":\"5125551234\"}]}}");
        assertEquals(List.of("country_id", "street", "city", "firstname", "lastname"),
                item.errors().stream().map(p -> ((Map<?, ?>) p.parameters()).get("fieldName")).toList());
    }

    @Test
    void invalidEmailUsesMagentosMessage() {
        RouteInput.Item item = create("{\"customer\":{\"email\":\"not-an-email\",\"firstname\":\"Jane\",\"lastname\":\"Doe\"}}");
        assertEquals(List.of("\"Email\" is not a valid email address."), rendered(item));
    }

    @Test
    void invalidValuesAreReported() {
        RouteInput.Item item = create("{\"customer\":{\"email\":\"jane@example.com\",\"firstname\":\"Jane\",\"lastname\":\"Doe\","
                + "\"gender\":7,\"dob\":\"15/01/1990\"}}");
        assertEquals(List.of(
                "Invalid value of \"15/01/1990\" provided for the dob field.",
                "Invalid value of \"7\" provided for the gender field."), rendered(item).stream().sorted().toList());
    }

    @Test
    void weakPasswordRefusesTheItemBeforeAnythingIsStored() {
        RouteInput.Item item = create("{\"customer\":" + JANE + ",\"password\":\"short\"}");
        assertEquals(List.of(PasswordPolicyTest.TOO_SHORT, PasswordPolicyTest.TOO_FEW_CLASSES), item.errors());
        RouteInput.Item sameAsEmail = RouteInput.fromBulkItem(CREATE,
                Json.parse("{\"customer\":" + JANE + ",\"password\":\"JANE@example.com\"}"));
        assertEquals(List.of(PasswordPolicyTest.SAME_AS_EMAIL), sameAsEmail.errors());
    }

    @Test
    void passwordIsOnlyCheckedOnceTheItemIsOtherwiseValid() {
        RouteInput.Item item = create("{\"customer\":{\"firstname\":\"Jane\",\"lastname\":\"Doe\"},\"password\":\"x\"}");
        assertEquals(List.of(Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "email"))), item.errors());
    }

    @Test
    void lockKeyIsTheEmailLowerCased() {
        ObjectNode params = (ObjectNode) Json.parse("{\"customer\":{\"email\":\"Jane@Example.COM\"}}");
        assertEquals("customer-email:jane@example.com", CREATE.lockKey().orElseThrow().of(params));
    }

    private static List<String> fieldNames(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Parsed back from its serialization, so numbers compare by value whatever node type held them. */
    private static JsonNode reparsed(JsonNode node) {
        return Json.parse(Json.string(node));
    }
}
