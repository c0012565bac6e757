package io.catalogbulk.catalog.inventory;

import static io.catalogbulk.core.input.FieldCheck.fits;
import static io.catalogbulk.core.input.FieldCheck.oneOf;
import static io.catalogbulk.core.route.HttpMethod.GET;
import static io.catalogbulk.core.route.HttpMethod.POST;
import static io.catalogbulk.core.route.RouteDeclaration.route;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.input.DecimalColumn;
import io.catalogbulk.core.input.ListType;
import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.route.ItemCheck;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.security.AclResource;
import io.catalogbulk.core.security.AclResources;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/** Source items of Magento's module-inventory-api webapi.xml (multi-source inventory). */
public final class SourceItemRoutes {

    static final ObjectSchema SOURCE_ITEM = ObjectSchema.named("Magento\\InventoryApi\\Api\\Data\\SourceItemInterface")
            .field("sku", ScalarType.STRING)
            .field("source_code", ScalarType.STRING)
            .field("quantity", ScalarType.FLOAT, fits(DecimalColumn.QUANTITY))
            .field("status", ScalarType.INT, oneOf(0, 1))
            .build();

    static final ItemCheck NOT_EMPTY = params -> params.path("sourceItems").isEmpty()
            ? List.of(Phrase.of("Input data is empty"))
            : List.of();

    /** Magento_InventoryApi::source_item: stock per source. */
    public static final AclResource SOURCE_ITEMS = AclResources.INVENTORY.child("Magento_InventoryApi::source_item");

    public static final List<RouteDeclaration> ROUTES = List.of(
            route(POST, "/V1/inventory/source-items")
                    .service("Magento\\InventoryApi\\Api\\SourceItemsSaveInterface", "execute")
                    .acl(SOURCE_ITEMS)
                    .summary("Set the quantity and stock status of SKUs per source; all items or none")
                    .requiredBody("sourceItems", ListType.of(SOURCE_ITEM))
                    .check(NOT_EMPTY)
                    .lockKey(SourceItemRoutes::lockKey)
                    .handledBy(SourceItemService.class, SourceItemService::save),
            route(POST, "/V1/inventory/source-items-delete")
                    .service("Magento\\InventoryApi\\Api\\SourceItemsDeleteInterface", "execute")
                    .acl(SOURCE_ITEMS)
                    .summary("Remove SKUs from sources (their quantity and status there); all items or none")
                    .requiredBody("sourceItems", ListType.of(SOURCE_ITEM))
                    .check(NOT_EMPTY)
                    .lockKey(SourceItemRoutes::lockKey)
                    .handledBy(SourceItemService.class, SourceItemService::delete),
            route(GET, "/V1/inventory/source-items")
                    .service("Magento\\InventoryApi\\Api\\SourceItemRepositoryInterface", "getList")
                    .acl(SOURCE_ITEMS)
                    .summary("Search source items by sku, source_code, status")
                    .searchCriteria()
                    .handledBy(SourceItemService.class, SourceItemService::getList));

    /** The smallest SKU: the handler locks the products in SKU order. */
    static String lockKey(ObjectNode params) {
        String first = null;
        for (JsonNode item : params.path("sourceItems")) {
            String sku = item.path("sku").asText("").toLowerCase();
            if (first == null || sku.compareTo(first) < 0) {
                first = sku;
            }
        }
        return "product:" + (first == null ? "" : first);
    }

    static Phrase required(String field) {
        return Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", field));
    }

    private SourceItemRoutes() {
    }
}
