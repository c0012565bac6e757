package io.catalogbulk.core.route;

import static io.catalogbulk.core.route.TestRoutes.declare;
import static io.catalogbulk.core.route.TestRoutes.productRoute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.security.AclResources;

class RouteDeclarationTest {

    @Test
    void derivesTopicAndBulkPathFromTheOneDeclaration() {
        RouteDeclaration put = TestRoutes.putProduct();
        assertEquals("async.magento.catalog.api.productrepositoryinterface.save.put", put.topic());
        assertEquals("/V1/products/bySku", put.bulkPath());
        assertEquals("PUT /V1/products/:sku", put.toString());

        RouteDeclaration delete = TestRoutes.deleteProduct();
        assertEquals("async.magento.catalog.api.productrepositoryinterface.deletebyid.delete", delete.topic());
        assertEquals("/V1/products/bySku", delete.bulkPath());

        assertEquals("async.magento.catalog.api.productrepositoryinterface.save.post", TestRoutes.postProducts().topic());
        assertEquals("/V1/products", TestRoutes.postProducts().bulkPath());
    }

    @Test
    void nonGetRoutesAreAsyncAllowed() {
        assertTrue(TestRoutes.postProducts().asyncAllowed());
        assertTrue(TestRoutes.putProduct().asyncAllowed());
        assertTrue(TestRoutes.deleteProduct().asyncAllowed());
    }

    @Test
    void getAnonymousAndSyncOnlyRoutesAreSyncOnly() {
        assertFalse(TestRoutes.getProduct().asyncAllowed(), "GET");
        assertFalse(TestRoutes.anonymousToken().asyncAllowed(), "anonymous");
        assertTrue(TestRoutes.anonymousToken().anonymous());
        assertEquals(RouteDeclaration.ANONYMOUS, TestRoutes.anonymousToken().aclResource());
        assertFalse(TestRoutes.syncOnlyPriceInformation().asyncAllowed(), "syncOnly()");
        assertFalse(TestRoutes.syncOnlyPriceInformation().anonymous());
    }

    @Test
    void pathParamTypeDefaultsToString() {
        assertEquals(ScalarType.INT, TestRoutes.getCustomer().pathParamType("customerId"));
        assertEquals(ScalarType.STRING, TestRoutes.putProduct().pathParamType("sku"));
    }

    @Test
    void builderKeepsBodyParamsInDeclaredOrder() {
        RouteDeclaration post = TestRoutes.postProducts();
        assertEquals(2, post.bodyParams().size());
        assertEquals(new BodyParam("product", TestRoutes.PRODUCT, true), post.bodyParams().get(0));
        assertEquals(new BodyParam("saveOptions", ScalarType.BOOL, false), post.bodyParams().get(1));
        assertEquals(TestRoutes.PRODUCTS_ACL, post.aclResource());
        assertEquals("save", post.service().method());
        assertSame(Object.class, post.handler().beanType());
    }

    @Test
    void aRouteNeedsAServiceAndAnAclResource() {
        assertThrows(IllegalStateException.class, () -> declare(RouteDeclaration.route(HttpMethod.POST, "/V1/products")
                .acl(TestRoutes.PRODUCTS_ACL)));
        assertThrows(IllegalStateException.class, () -> declare(RouteDeclaration.route(HttpMethod.POST, "/V1/products")
                .service(TestRoutes.PRODUCT_REPOSITORY, "save")));
    }

    @Test
    void aTypedPathParamMustExistInThePath() {
        assertThrows(IllegalStateException.class, () -> declare(productRoute(HttpMethod.PUT, "/V1/products/:sku", "save")
                .pathParam("id", ScalarType.INT)));
    }

    @Test
    void aBodyParamMayNotShareAPathParamName() {
        assertThrows(IllegalStateException.class, () -> declare(productRoute(HttpMethod.PUT, "/V1/products/:sku", "save")
                .body("sku", ScalarType.STRING)));
    }

    @Test
    void putOverrideTargetsTheLastUrlParamInTheSingleObjectBody() {
        RouteDeclaration.OverrideTarget target = TestRoutes.putProduct().putOverride().orElseThrow();
        assertEquals("sku", target.pathParam());
        assertEquals("product", target.bodyParam());
        assertEquals("sku", target.field());
        assertEquals(ScalarType.STRING, target.fieldType());
    }

    @Test
    void putOverrideMapsCamelCaseParamToSnakeCaseField() {
        ObjectSchema page = ObjectSchema.named("Magento\\Cms\\Api\\Data\\PageInterface")
                .field("page_id", ScalarType.INT)
                .field("title", ScalarType.STRING)
                .build();
        RouteDeclaration put = declare(RouteDeclaration.route(HttpMethod.PUT, "/V1/cmsPage/:pageId")
                .service("Magento\\Cms\\Api\\PageRepositoryInterface", "save")
                .acl(AclResources.ALL.child("Magento_Cms::page"))
                .requiredBody("page", page));
        RouteDeclaration.OverrideTarget target = put.putOverride().orElseThrow();
        assertEquals("pageId", target.pathParam());
        assertEquals("page_id", target.field());
        assertEquals(ScalarType.INT, target.fieldType());
    }

    @Test
    void putOverrideDoesNotApplyToOtherMethodsOrAmbiguousBodies() {
        assertTrue(TestRoutes.postProducts().putOverride().isEmpty(), "POST never overrides");
        assertTrue(TestRoutes.deleteProduct().putOverride().isEmpty(), "no body");
        assertTrue(TestRoutes.putCustomer().putOverride().isEmpty(), "no object body");
        ObjectSchema noSku = ObjectSchema.named("Vendor\\Module\\Api\\Data\\ThingInterface")
                .field("name", ScalarType.STRING).build();
        assertTrue(declare(productRoute(HttpMethod.PUT, "/V1/products/:sku", "save").requiredBody("thing", noSku))
                .putOverride().isEmpty(), "body has no matching field");
        assertTrue(declare(productRoute(HttpMethod.PUT, "/V1/products/:sku", "save")
                .requiredBody("product", TestRoutes.PRODUCT)
                .body("other", TestRoutes.PRODUCT))
                .putOverride().isEmpty(), "two object bodies");
        assertTrue(declare(productRoute(HttpMethod.PUT, "/V1/products", "save").requiredBody("product", TestRoutes.PRODUCT))
                .putOverride().isEmpty(), "no URL parameter");
    }

    @Test
    void lockKeyIsOptional() {
        assertTrue(TestRoutes.postProducts().lockKey().isEmpty());
        RouteDeclaration keyed = declare(productRoute(HttpMethod.DELETE, "/V1/products/:sku", "deleteById")
                .lockKey(params -> "product:" + params.path("sku").asText()));
        assertEquals("product:x", keyed.lockKey().orElseThrow().of(
                io.catalogbulk.core.webapi.Json.NODES.objectNode().put("sku", "x")));
    }
}
