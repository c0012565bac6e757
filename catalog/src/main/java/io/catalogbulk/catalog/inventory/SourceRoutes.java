package io.catalogbulk.catalog.inventory;

import static io.catalogbulk.core.input.FieldCheck.maxLength;
import static io.catalogbulk.core.route.HttpMethod.GET;
import static io.catalogbulk.core.route.HttpMethod.POST;
import static io.catalogbulk.core.route.RouteDeclaration.route;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.input.ListType;
import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.security.AclResource;
import io.catalogbulk.core.security.AclResources;

/** Inventory sources of Magento's module-inventory-api webapi.xml: where stock is kept ({@code default} always exists). */
public final class SourceRoutes {

    static final String REPOSITORY = "Magento\\InventoryApi\\Api\\SourceRepositoryInterface";

    /** Magento_InventoryApi::source: managing sources. */
    public static final AclResource SOURCES = AclResources.INVENTORY.child("Magento_InventoryApi::source");

    static final ObjectSchema CARRIER_LINK = ObjectSchema.named("Magento\\InventoryApi\\Api\\Data\\SourceCarrierLinkInterface")
            .field("carrier_code", ScalarType.STRING)
            .field("position", ScalarType.INT)
            .build();

    /** SourceInterface: every member is accepted; code, name and enabled are columns, the rest is kept as given. */
    static final ObjectSchema SOURCE = ObjectSchema.named("Magento\\InventoryApi\\Api\\Data\\SourceInterface")
            .field("source_code", ScalarType.STRING, maxLength(255))
            .field("name", ScalarType.STRING, maxLength(255))
            .field("email", ScalarType.STRING)
            .field("contact_name", ScalarType.STRING)
            .field("enabled", ScalarType.BOOL)
            .field("description", ScalarType.STRING)
            .field("latitude", ScalarType.FLOAT)
            .field("longitude", ScalarType.FLOAT)
            .field("country_id", ScalarType.STRING)
            .field("region_id", ScalarType.INT)
            .field("region", ScalarType.STRING)
            .field("city", ScalarType.STRING)
            .field("street", ScalarType.STRING)
            .field("postcode", ScalarType.STRING)
            .field("phone", ScalarType.STRING)
            .field("fax", ScalarType.STRING)
            .field("use_default_carrier_config", ScalarType.BOOL)
            .field("carrier_links", ListType.of(CARRIER_LINK))
            .build();

    public static final List<RouteDeclaration> ROUTES = List.of(
            route(POST, "/V1/inventory/sources")
                    .service(REPOSITORY, "save")
                    .acl(SOURCES)
                    .summary("Create a source, or update the source with the same source_code; answers []")
                    .requiredBody("source", SOURCE)
                    .lockKey(SourceRoutes::lockKey)
                    .handledBy(SourceService.class, SourceService::save),
            route(GET, "/V1/inventory/sources/:sourceCode")
                    .service(REPOSITORY, "get")
                    .acl(SOURCES)
                    .summary("Get a source by its code")
                    .handledBy(SourceService.class, SourceService::get));

    static String lockKey(ObjectNode params) {
        return "source:" + params.path("source").path("source_code").asText("").toLowerCase(Locale.ROOT);
    }

    private SourceRoutes() {
    }
}
