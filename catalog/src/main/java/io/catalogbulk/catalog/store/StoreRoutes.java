package io.catalogbulk.catalog.store;

import static io.catalogbulk.core.route.HttpMethod.GET;
import static io.catalogbulk.core.route.HttpMethod.POST;
import static io.catalogbulk.core.route.RouteDeclaration.route;

import java.util.List;

import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.security.AclResource;
import io.catalogbulk.core.security.AclResources;

/** Store view routes. Magento lists store views over REST; creating them is ours (Magento does it in its admin). */
public final class StoreRoutes {

    /** Magento_Backend::store (Stores > All Stores): the store views. */
    public static final AclResource ALL_STORES = AclResources.STORES_SETTINGS.child("Magento_Backend::store");

    public static final List<RouteDeclaration> ROUTES = List.of(
            route(GET, "/V1/store/storeViews")
                    .service("Magento\\Store\\Api\\StoreRepositoryInterface", "getList")
                    .acl(ALL_STORES)
                    .summary("List store views")
                    .handledBy(StoreViewService.class, StoreViewService::list),
            route(POST, "/V1/store/storeViews")
                    .service("CatalogBulk\\Store\\Api\\StoreViewManagementInterface", "create")
                    .acl(ALL_STORES)
                    .summary("Create a store view (administrators only)")
                    .requiredBody("store", StoreSchemas.STORE)
                    .lockKey(params -> "store:" + params.path("store").path("code").asText().toLowerCase())
                    .handledBy(StoreViewService.class, StoreViewService::create));

    private StoreRoutes() {
    }
}
