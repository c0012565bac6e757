package io.catalogbulk.catalog.price;

import static io.catalogbulk.core.route.HttpMethod.POST;
import static io.catalogbulk.core.route.HttpMethod.PUT;
import static io.catalogbulk.core.route.RouteDeclaration.route;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.catalog.product.ProductRoutes;
import io.catalogbulk.core.input.ListType;
import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.route.ItemCheck;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/** Price storages of Magento's module-catalog webapi.xml: many SKUs' prices in one call. */
public final class PriceRoutes {

    static final String BASE = "Magento\\Catalog\\Api\\BasePriceStorageInterface";
    static final String SPECIAL = "Magento\\Catalog\\Api\\SpecialPriceStorageInterface";

    static final ObjectSchema BASE_PRICE = ObjectSchema.named("Magento\\Catalog\\Api\\Data\\BasePriceInterface")
            .field("price", ScalarType.FLOAT)
            .field("store_id", ScalarType.INT)
            .field("sku", ScalarType.STRING)
            .build();

    static final ObjectSchema SPECIAL_PRICE = ObjectSchema.named("Magento\\Catalog\\Api\\Data\\SpecialPriceInterface")
            .field("price", ScalarType.FLOAT)
            .field("store_id", ScalarType.INT)
            .field("sku", ScalarType.STRING)
            .field("price_from", ScalarType.STRING)
            .field("price_to", ScalarType.STRING)
            .build();

    static final String TIER = "Magento\\Catalog\\Api\\TierPriceStorageInterface";

    static final ObjectSchema TIER_PRICE = ObjectSchema.named("Magento\\Catalog\\Api\\Data\\TierPriceInterface")
            .field("price", ScalarType.FLOAT)
            .field("price_type", ScalarType.STRING)
            .field("website_id", ScalarType.INT)
            .field("sku", ScalarType.STRING)
            .field("customer_group", ScalarType.STRING)
            .field("quantity", ScalarType.FLOAT)
            .build();

    static final ItemCheck SKUS_NOT_EMPTY = params -> params.path("skus").isEmpty()
            ? List.of(Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "skus")))
            : List.of();

    static final ItemCheck NOT_EMPTY = params -> params.path("prices").isEmpty()
            ? List.of(Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "prices")))
            : List.of();

    public static final List<RouteDeclaration> ROUTES = List.of(
            route(POST, "/V1/products/base-prices")
                    .service(BASE, "update")
                    .acl(ProductRoutes.PRODUCTS)
                    .summary("Set base prices per SKU and store; answers [] or the items that were refused")
                    .requiredBody("prices", ListType.of(BASE_PRICE))
                    .check(NOT_EMPTY)
                    .lockKey(PriceRoutes::lockKey)
                    .handledBy(PriceService.class, PriceService::updateBase),
            route(POST, "/V1/products/special-price")
                    .service(SPECIAL, "update")
                    .acl(ProductRoutes.PRODUCTS)
                    .summary("Set special prices per SKU, store and period; answers [] or the items that were refused")
                    .requiredBody("prices", ListType.of(SPECIAL_PRICE))
                    .check(NOT_EMPTY)
                    .lockKey(PriceRoutes::lockKey)
                    .handledBy(PriceService.class, PriceService::updateSpecial),
            route(POST, "/V1/products/tier-prices")
                    .service(TIER, "update")
                    .acl(ProductRoutes.PRODUCTS)
                    .summary("Add or change tier prices (SKU, website, customer group, quantity); answers [] or the items that were refused")
                    .requiredBody("prices", ListType.of(TIER_PRICE))
                    .check(NOT_EMPTY)
                    .lockKey(PriceRoutes::lockKey)
                    .handledBy(TierPriceService.class, TierPriceService::update),
            route(PUT, "/V1/products/tier-prices")
                    .service(TIER, "replace")
                    .acl(ProductRoutes.PRODUCTS)
                    .summary("Replace all tier prices of each SKU given; answers [] or the items that were refused")
                    .requiredBody("prices", ListType.of(TIER_PRICE))
                    .check(NOT_EMPTY)
                    .lockKey(PriceRoutes::lockKey)
                    .handledBy(TierPriceService.class, TierPriceService::replace),
            route(POST, "/V1/products/tier-prices-delete")
                    .service(TIER, "delete")
                    .acl(ProductRoutes.PRODUCTS)
                    .summary("Delete the tier prices given; answers [] or the items that were refused")
                    .requiredBody("prices", ListType.of(TIER_PRICE))
                    .check(NOT_EMPTY)
                    .lockKey(PriceRoutes::lockKey)
                    .handledBy(TierPriceService.class, TierPriceService::delete),
            route(POST, "/V1/products/tier-prices-information")
                    .service(TIER, "get")
                    .acl(ProductRoutes.PRODUCTS)
                    .summary("The tier prices of the SKUs given")
                    .requiredBody("skus", ListType.of(ScalarType.STRING))
                    .check(SKUS_NOT_EMPTY)
                    .lockKey(PriceRoutes::skusLockKey)
                    .handledBy(TierPriceService.class, TierPriceService::get));

    /** The smallest SKU of the call: the handler locks its products in SKU order, starting with that one. */
    static String lockKey(ObjectNode params) {
        String first = null;
        for (JsonNode price : params.path("prices")) {
            String sku = price.path("sku").asText("").toLowerCase();
            if (first == null || sku.compareTo(first) < 0) {
                first = sku;
            }
        }
        return "product:" + (first == null ? "" : first);
    }

    /** A read of several SKUs (asynchronously too): ordered by its smallest SKU like the writes of those products. */
    static String skusLockKey(ObjectNode params) {
        String first = null;
        for (JsonNode sku : params.path("skus")) {
            String lower = sku.asText("").toLowerCase();
            if (first == null || lower.compareTo(first) < 0) {
                first = lower;
            }
        }
        return "product:" + (first == null ? "" : first);
    }

    private PriceRoutes() {
    }
}
