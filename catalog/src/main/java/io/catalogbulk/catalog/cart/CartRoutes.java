package io.catalogbulk.catalog.cart;

import static io.catalogbulk.core.route.HttpMethod.DELETE;
import static io.catalogbulk.core.route.HttpMethod.GET;
import static io.catalogbulk.core.route.HttpMethod.POST;
import static io.catalogbulk.core.route.HttpMethod.PUT;
import static io.catalogbulk.core.route.RouteDeclaration.route;

import java.util.List;

import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.security.AclResource;
import io.catalogbulk.core.security.AclResources;

/** Cart routes of Magento's module-quote webapi.xml, declared once each. */
public final class CartRoutes {

    /** Magento_Cart::manage: carts and their items. */
    public static final AclResource CARTS = AclResources.CARTS.child("Magento_Cart::manage");

    public static final List<RouteDeclaration> ROUTES = List.of(
            route(POST, "/V1/carts")
                    .service("Magento\\Quote\\Api\\CartManagementInterface", "createEmptyCart")
                    .acl(CARTS)
                    .summary("Create an empty cart; returns its id")
                    // Nothing to serialize on: every call makes a cart of its own.
                    .lockKey(params -> "cart:new")
                    .handledBy(CartService.class, CartService::createEmptyCart),
            route(POST, "/V1/carts/:quoteId/items")
                    .service("Magento\\Quote\\Api\\CartItemRepositoryInterface", "save")
                    .acl(CARTS)
                    .pathParam("quoteId", ScalarType.INT)
                    .summary("Add a product to a cart (qty > 0); a SKU already in the cart adds to its quantity")
                    .requiredBody("cartItem", CartSchemas.CART_ITEM)
                    .lockKey(CartSchemas::lockKey)
                    .handledBy(CartService.class, CartService::saveItem),
            route(PUT, "/V1/carts/:cartId/items/:itemId")
                    .service("Magento\\Quote\\Api\\CartItemRepositoryInterface", "save")
                    .acl(CARTS)
                    .pathParam("cartId", ScalarType.INT)
                    .pathParam("itemId", ScalarType.INT)
                    .summary("Set the quantity of a cart item (qty > 0)")
                    .requiredBody("cartItem", CartSchemas.CART_ITEM)
                    .lockKey(CartSchemas::cartLockKey)
                    .handledBy(CartService.class, CartService::updateItem),
            route(DELETE, "/V1/carts/:cartId/items/:itemId")
                    .service("Magento\\Quote\\Api\\CartItemRepositoryInterface", "deleteById")
                    .acl(CARTS)
                    .pathParam("cartId", ScalarType.INT)
                    .pathParam("itemId", ScalarType.INT)
                    .summary("Remove an item from a cart")
                    .lockKey(CartSchemas::cartLockKey)
                    .handledBy(CartService.class, CartService::deleteItem),
            route(GET, "/V1/carts/:cartId")
                    .service("Magento\\Quote\\Api\\CartRepositoryInterface", "get")
                    .acl(CARTS)
                    .pathParam("cartId", ScalarType.INT)
                    .summary("Get a cart with its items and their prices")
                    .handledBy(CartService.class, CartService::get),
            route(GET, "/V1/carts/:cartId/totals")
                    .service("Magento\\Quote\\Api\\CartTotalRepositoryInterface", "get")
                    .acl(CARTS)
                    .pathParam("cartId", ScalarType.INT)
                    .summary("Get a cart's totals: subtotal, grand total and each row")
                    .handledBy(CartService.class, CartService::getTotals));

    private CartRoutes() {
    }
}
