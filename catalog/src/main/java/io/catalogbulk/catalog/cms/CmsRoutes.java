package io.catalogbulk.catalog.cms;

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

/** CMS page and block routes of Magento's module-cms webapi.xml, declared once each. */
public final class CmsRoutes {

    static final String PAGES = "Magento\\Cms\\Api\\PageRepositoryInterface";
    static final String BLOCKS = "Magento\\Cms\\Api\\BlockRepositoryInterface";

    /** Magento_Cms::page: reading pages; it grants saving and deleting them below it. */
    public static final AclResource PAGE = AclResources.CONTENT_ELEMENTS.child("Magento_Cms::page");
    public static final AclResource PAGE_SAVE = PAGE.child("Magento_Cms::save");
    public static final AclResource PAGE_DELETE = PAGE.child("Magento_Cms::page_delete");
    /** Magento_Cms::block: everything on blocks. */
    public static final AclResource BLOCK = AclResources.CONTENT_ELEMENTS.child("Magento_Cms::block");

    public static final List<RouteDeclaration> ROUTES = List.of(
            route(POST, "/V1/cmsPage")
                    .service(PAGES, "save")
                    .acl(PAGE_SAVE)
                    .summary("Create a CMS page (or update the page with the given id)")
                    .requiredBody("page", CmsSchemas.PAGE)
                    .lockKey(CmsSchemas::pageLockKey)
                    .handledBy(CmsService.class, CmsService::savePage),
            route(PUT, "/V1/cmsPage/:id")
                    .service(PAGES, "save")
                    .acl(PAGE_SAVE)
                    .pathParam("id", ScalarType.INT)
                    .summary("Update the members given of a CMS page, in the store scope of the URL")
                    .requiredBody("page", CmsSchemas.PAGE)
                    .lockKey(CmsSchemas::pageLockKey)
                    .handledBy(CmsService.class, CmsService::savePage),
            route(DELETE, "/V1/cmsPage/:pageId")
                    .service(PAGES, "deleteById")
                    .acl(PAGE_DELETE)
                    .pathParam("pageId", ScalarType.INT)
                    .summary("Delete a CMS page")
                    .lockKey(CmsSchemas::pageLockKey)
                    .handledBy(CmsService.class, CmsService::deletePage),
            route(GET, "/V1/cmsPage/:pageId")
                    .service(PAGES, "getById")
                    .acl(PAGE)
                    .pathParam("pageId", ScalarType.INT)
                    .summary("Get a CMS page as the store of the URL sees it")
                    .handledBy(CmsService.class, CmsService::getPage),
            route(GET, "/V1/cmsPage/search")
                    .service(PAGES, "getList")
                    .acl(PAGE)
                    .summary("Search CMS pages: filter by page_id, identifier, title, is_active, creation_time, update_time; paged")
                    .searchCriteria()
                    .handledBy(CmsService.class, CmsService::searchPages),
            route(POST, "/V1/cmsBlock")
                    .service(BLOCKS, "save")
                    .acl(BLOCK)
                    .summary("Create a CMS block (or update the block with the given id)")
                    .requiredBody("block", CmsSchemas.BLOCK)
                    .lockKey(CmsSchemas::blockLockKey)
                    .handledBy(CmsService.class, CmsService::saveBlock),
            route(PUT, "/V1/cmsBlock/:id")
                    .service(BLOCKS, "save")
                    .acl(BLOCK)
                    .pathParam("id", ScalarType.INT)
                    .summary("Update the members given of a CMS block, in the store scope of the URL")
                    .requiredBody("block", CmsSchemas.BLOCK)
                    .lockKey(CmsSchemas::blockLockKey)
                    .handledBy(CmsService.class, CmsService::saveBlock),
            route(DELETE, "/V1/cmsBlock/:blockId")
                    .service(BLOCKS, "deleteById")
                    .acl(BLOCK)
                    .pathParam("blockId", ScalarType.INT)
                    .summary("Delete a CMS block")
                    .lockKey(CmsSchemas::blockLockKey)
                    .handledBy(CmsService.class, CmsService::deleteBlock),
            route(GET, "/V1/cmsBlock/:blockId")
                    .service(BLOCKS, "getById")
                    .acl(BLOCK)
                    .pathParam("blockId", ScalarType.INT)
                    .summary("Get a CMS block as the store of the URL sees it")
                    .handledBy(CmsService.class, CmsService::getBlock),
            route(GET, "/V1/cmsBlock/search")
                    .service(BLOCKS, "getList")
                    .acl(BLOCK)
                    .summary("Search CMS blocks: filter by block_id, identifier, title, is_active, creation_time, update_time; paged")
                    .searchCriteria()
                    .handledBy(CmsService.class, CmsService::searchBlocks));

    private CmsRoutes() {
    }
}
