package io.catalogbulk.core.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Topic names follow api.md §6: lower-case {@code async.<module>.<service>.<method>.<http method>}, where
 * module is the second namespace segment and service is the interface name without Interface and a trailing
 * Repository or Management. (Magento itself uses the whole lower-cased interface name,
 * {@code async.magento.catalog.api.productrepositoryinterface.save.post}; the spec chose the short form.)
 */
class ServiceCallTest {

    private static final String PRODUCT_REPOSITORY = "Magento\\Catalog\\Api\\ProductRepositoryInterface";
    private static final String ACCOUNT_MANAGEMENT = "Magento\\Customer\\Api\\AccountManagementInterface";

    @ParameterizedTest(name = "{0}::{1} {2} -> {3}")
    @CsvSource({
            "Magento\\Catalog\\Api\\ProductRepositoryInterface, save, POST, async.catalog.product.save.post",
            "Magento\\Catalog\\Api\\ProductRepositoryInterface, save, PUT, async.catalog.product.save.put",
            "Magento\\Catalog\\Api\\ProductRepositoryInterface, deleteById, DELETE, async.catalog.product.deletebyid.delete",
            "Magento\\Customer\\Api\\AccountManagementInterface, createAccount, POST, async.customer.account.createaccount.post",
            "Magento\\Customer\\Api\\CustomerRepositoryInterface, getById, GET, async.customer.customer.getbyid.get",
            "CatalogBulk\\Store\\Api\\StoreViewManagementInterface, create, POST, async.store.storeview.create.post",
            "Magento\\Cms\\Api\\PageRepositoryInterface, deleteById, DELETE, async.cms.page.deletebyid.delete",
            "Magento\\Quote\\Api\\CartItemRepositoryInterface, save, PATCH, async.quote.cartitem.save.patch",
    })
    void topicIsAsyncModuleServiceMethodHttpLowerCased(String serviceClass, String method, HttpMethod http, String topic) {
        assertEquals(topic, new ServiceCall(serviceClass, method).topic(http));
    }

    @Test
    void moduleIsTheSecondNamespaceSegmentLowerCased() {
        assertEquals("catalog", new ServiceCall(PRODUCT_REPOSITORY, "save").module());
        assertEquals("customer", new ServiceCall(ACCOUNT_MANAGEMENT, "createAccount").module());
    }

    @Test
    void serviceDropsInterfaceThenRepositoryOrManagementSuffix() {
        assertEquals("product", new ServiceCall(PRODUCT_REPOSITORY, "save").service());
        assertEquals("account", new ServiceCall(ACCOUNT_MANAGEMENT, "createAccount").service());
        assertEquals("producttypelist", new ServiceCall("Magento\\Catalog\\Api\\ProductTypeListInterface", "getProductTypes").service());
        // A name that is only a suffix is kept rather than emptied.
        assertEquals("interface", new ServiceCall("Vendor\\Module\\Interface", "run").service());
        assertEquals("repository", new ServiceCall("Vendor\\Module\\RepositoryInterface", "run").service());
    }

    @Test
    void topicIsAlwaysLowerCaseWithFiveDotSeparatedParts() {
        String topic = new ServiceCall(PRODUCT_REPOSITORY, "deleteById").topic(HttpMethod.DELETE);
        assertEquals(topic.toLowerCase(), topic);
        assertEquals(5, topic.split("\\.").length);
        assertTrue(topic.startsWith("async."));
    }

    @Test
    void displayNamesTheMagentoServiceMethod() {
        assertEquals("Magento\\Catalog\\Api\\ProductRepositoryInterface::save", new ServiceCall(PRODUCT_REPOSITORY, "save").display());
    }

    @Test
    void rejectsAServiceClassWithoutVendorModuleAndInterface() {
        assertThrows(IllegalArgumentException.class, () -> new ServiceCall("ProductRepositoryInterface", "save"));
        assertThrows(IllegalArgumentException.class, () -> new ServiceCall("Magento\\ProductRepositoryInterface", "save"));
    }
}
