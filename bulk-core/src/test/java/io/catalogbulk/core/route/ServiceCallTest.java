package io.catalogbulk.core.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Topic names follow api.md section 6, as Magento 2.4 derives them (WebapiAsync Config::generateTopicName):
 * {@code async.} + the interface with {@code \} as {@code .} + method + HTTP method, lower case. The names this system
 * used before stay resolvable as legacy aliases.
 */
class ServiceCallTest {

    private static final String PRODUCT_REPOSITORY = "Magento\\Catalog\\Api\\ProductRepositoryInterface";
    private static final String ACCOUNT_MANAGEMENT = "Magento\\Customer\\Api\\AccountManagementInterface";

    @ParameterizedTest(name = "{0}::{1} {2} -> {3}")
    @CsvSource({
            "Magento\\Catalog\\Api\\ProductRepositoryInterface, save, POST, async.magento.catalog.api.productrepositoryinterface.save.post",
            "Magento\\Catalog\\Api\\ProductRepositoryInterface, save, PUT, async.magento.catalog.api.productrepositoryinterface.save.put",
            "Magento\\Catalog\\Api\\ProductRepositoryInterface, deleteById, DELETE, async.magento.catalog.api.productrepositoryinterface.deletebyid.delete",
            "Magento\\Customer\\Api\\AccountManagementInterface, createAccount, POST, async.magento.customer.api.accountmanagementinterface.createaccount.post",
            "Magento\\Customer\\Api\\CustomerRepositoryInterface, getById, GET, async.magento.customer.api.customerrepositoryinterface.getbyid.get",
            "CatalogBulk\\Store\\Api\\StoreViewManagementInterface, create, POST, async.catalogbulk.store.api.storeviewmanagementinterface.create.post",
            "Magento\\Cms\\Api\\PageRepositoryInterface, deleteById, DELETE, async.magento.cms.api.pagerepositoryinterface.deletebyid.delete",
            "Magento\\Quote\\Api\\CartItemRepositoryInterface, save, PATCH, async.magento.quote.api.cartitemrepositoryinterface.save.patch",
    })
    void topicIsMagentosAsyncInterfaceMethodHttpLowerCased(String serviceClass, String method, HttpMethod http, String topic) {
        assertEquals(topic, new ServiceCall(serviceClass, method).topic(http));
    }

    @ParameterizedTest(name = "{0}::{1} {2} was {3}")
    @CsvSource({
            "Magento\\Catalog\\Api\\ProductRepositoryInterface, save, POST, async.catalog.product.save.post",
            "Magento\\Customer\\Api\\AccountManagementInterface, createAccount, POST, async.customer.account.createaccount.post",
            "CatalogBulk\\Store\\Api\\StoreViewManagementInterface, create, POST, async.store.storeview.create.post",
            "Magento\\Quote\\Api\\CartItemRepositoryInterface, save, PATCH, async.quote.cartitem.save.patch",
            "Vendor\\Module\\Interface, run, POST, async.module.interface.run.post",
            "Vendor\\Module\\RepositoryInterface, run, POST, async.module.repository.run.post",
    })
    void legacyTopicIsTheEarlierShortForm(String serviceClass, String method, HttpMethod http, String topic) {
        assertEquals(topic, new ServiceCall(serviceClass, method).legacyTopic(http));
    }

    @Test
    void moduleIsTheSecondNamespaceSegmentLowerCased() {
        assertEquals("catalog", new ServiceCall(PRODUCT_REPOSITORY, "save").module());
        assertEquals("customer", new ServiceCall(ACCOUNT_MANAGEMENT, "createAccount").module());
    }

    @Test
    void topicIsAlwaysLowerCase() {
        String topic = new ServiceCall(PRODUCT_REPOSITORY, "deleteById").topic(HttpMethod.DELETE);
        assertEquals(topic.toLowerCase(), topic);
        assertEquals("async.magento.catalog.api.productrepositoryinterface.deletebyid.delete", topic);
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
