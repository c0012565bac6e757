package io.catalogbulk.catalog.cms;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.search.SearchCriteria;
import io.catalogbulk.core.search.SearchField;
import io.catalogbulk.core.search.SqlSearch;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * CMS page and block handlers (Magento's PageRepositoryInterface and BlockRepositoryInterface). The identifier
 * is global and unique; title, content and the other members are store-scoped like product values.
 */
@ApplicationScoped
@Unremovable
public class CmsService {

    static final String COULD_NOT_SAVE_PAGE = "Could not save the page: %1";
    /** Magento's UrlKey validator: lower case letters, digits, '-', '_', '/' and one optional '.suffix'. */
    static final Pattern PAGE_IDENTIFIER = Pattern.compile("^[a-z0-9][a-z0-9_/-]*(\\.[a-z0-9_-]+)?$");
    static final Map<String, String> RESERVED = Map.of("no-route", "CMS No Route Page", "home", "CMS Home Page",
            "enable-cookies", "CMS No Cookies Page");

    /** Largest page of a search, as for products. */
    static final int MAX_PAGE_SIZE = 1000;
    private static final Map<CmsKind, Map<String, SearchField>> SEARCH_FIELDS = Map.of(
            CmsKind.PAGE, CmsRepository.searchFields(CmsKind.PAGE), CmsKind.BLOCK, CmsRepository.searchFields(CmsKind.BLOCK));

    @Inject
    CmsRepository repository;

    /** POST /V1/cmsPage and PUT /V1/cmsPage/:id */
    public JsonNode savePage(OperationContext context, ObjectNode params) throws SQLException {
        return save(context, CmsKind.PAGE, (ObjectNode) params.get("page"));
    }

    /** POST /V1/cmsBlock and PUT /V1/cmsBlock/:id */
    public JsonNode saveBlock(OperationContext context, ObjectNode params) throws SQLException {
        return save(context, CmsKind.BLOCK, (ObjectNode) params.get("block"));
    }

    /** GET /V1/cmsPage/:pageId */
    public JsonNode getPage(OperationContext context, ObjectNode params) throws SQLException {
        return read(context.connection(), CmsKind.PAGE, params.get("pageId").asInt(), context.scope().readStoreId());
    }

    /** GET /V1/cmsBlock/:blockId */
    public JsonNode getBlock(OperationContext context, ObjectNode params) throws SQLException {
        return read(context.connection(), CmsKind.BLOCK, params.get("blockId").asInt(), context.scope().readStoreId());
    }

    /** GET /V1/cmsPage/search: pages as the store of the URL sees them (Magento's PageRepositoryInterface::getList). */
    public JsonNode searchPages(OperationContext context, ObjectNode params) throws SQLException {
        return search(context, CmsKind.PAGE, params);
    }

    /** GET /V1/cmsBlock/search: blocks as the store of the URL sees them (BlockRepositoryInterface::getList). */
    public JsonNode searchBlocks(OperationContext context, ObjectNode params) throws SQLException {
        return search(context, CmsKind.BLOCK, params);
    }

    private JsonNode search(OperationContext context, CmsKind kind, ObjectNode params) throws SQLException {
        SearchCriteria criteria = SearchCriteria.fromJson(params.get("searchCriteria"));
        SqlSearch search = SqlSearch.of(criteria, SEARCH_FIELDS.get(kind), "c.id ASC", MAX_PAGE_SIZE);
        int storeId = context.scope().readStoreId();
        ObjectNode out = Json.NODES.objectNode();
        ArrayNode items = out.putArray("items");
        for (int id : repository.search(context.connection(), kind, search, storeId)) {
            items.add(read(context.connection(), kind, id, storeId));
        }
        out.set("search_criteria", criteria.echo());
        out.put("total_count", repository.count(context.connection(), kind, search, storeId));
        return out;
    }

    /** DELETE /V1/cmsPage/:pageId: answers true. */
    public JsonNode deletePage(OperationContext context, ObjectNode params) throws SQLException {
        return delete(context, CmsKind.PAGE, params.get("pageId").asInt());
    }

    /** DELETE /V1/cmsBlock/:blockId: answers true. */
    public JsonNode deleteBlock(OperationContext context, ObjectNode params) throws SQLException {
        return delete(context, CmsKind.BLOCK, params.get("blockId").asInt());
    }

    private JsonNode save(OperationContext context, CmsKind kind, ObjectNode entity) throws SQLException {
        Connection connection = context.connection();
        ObjectNode fields = scopedFields(kind, entity);
        int id;
        if (entity.hasNonNull("id")) {
            id = entity.get("id").asInt();
            CmsRepository.CmsRow row = repository.lock(connection, kind, id).orElseThrow(() -> notFound(kind, entity.get("id").asInt()));
            String identifier = entity.hasNonNull("identifier") ? checkIdentifier(kind, entity.get("identifier").asText()) : null;
            if (identifier != null && repository.identifierTaken(connection, kind, identifier, row.id())) {
                throw saveError(kind, kind.duplicateIdentifier());
            }
            if (entity.has("title") && entity.get("title").asText("").isBlank() && kind == CmsKind.BLOCK) {
                throw WebapiException.requiredField("title");
            }
            repository.update(connection, kind, id, identifier);
            repository.writeValues(connection, kind, id, context.scope().updateStoreId(), fields);
        } else {
            String title = entity.path("title").asText("");
            String given = entity.path("identifier").asText("");
            if (title.isBlank()) {
                throw WebapiException.requiredField("title");
            }
            if (given.isBlank() && kind == CmsKind.BLOCK) {
                throw WebapiException.requiredField("identifier");
            }
            // Magento's CmsUrlRewrite makes a page URL key from the title when none is given.
            String identifier = checkIdentifier(kind, given.isBlank() ? slug(title) : given);
            if (repository.identifierTaken(connection, kind, identifier, -1)) {
                throw saveError(kind, kind.duplicateIdentifier());
            }
            id = repository.insert(connection, kind, identifier).orElseThrow(() -> saveError(kind, kind.duplicateIdentifier()));
            ObjectNode global = fields.deepCopy();
            if (!global.hasNonNull("active")) {
                global.put("active", true);
            }
            repository.writeValues(connection, kind, id, StoreScope.ADMIN_STORE_ID, global);
            if (context.scope().createAlsoWritesStoreValues()) {
                repository.writeValues(connection, kind, id, context.scope().storeId(), fields);
            }
        }
        return read(connection, kind, id, context.scope().readStoreId());
    }

    private JsonNode delete(OperationContext context, CmsKind kind, int id) throws SQLException {
        repository.lock(context.connection(), kind, id).orElseThrow(() -> notFound(kind, id));
        repository.delete(context.connection(), kind, id);
        return BooleanNode.TRUE;
    }

    /** PageInterface / BlockInterface in Magento's key order, as one store sees it; null members omitted. */
    ObjectNode read(Connection connection, CmsKind kind, int id, int storeId) throws SQLException {
        CmsRepository.CmsRow row = repository.find(connection, kind, id).orElseThrow(() -> notFound(kind, id));
        ObjectNode values = repository.values(connection, kind, id, storeId);
        ObjectNode out = Json.NODES.objectNode();
        out.put("id", row.id());
        out.put("identifier", row.identifier());
        for (String member : kind.scopedMembers()) {
            if (member.equals("active")) {
                continue;
            }
            if (member.equals("sort_order") || member.equals("layout_update_xml")) {
                // creation_time and update_time come before sort_order in PageInterface.
                if (!out.has("creation_time")) {
                    times(out, row);
                }
            }
            if (values.hasNonNull(member)) {
                out.put(member, values.get(member).asText());
            }
        }
        if (!out.has("creation_time")) {
            times(out, row);
        }
        out.put("active", values.path("active").asBoolean(true));
        return out;
    }

    private static void times(ObjectNode out, CmsRepository.CmsRow row) {
        out.put("creation_time", Json.timestamp(row.creationTime()));
        out.put("update_time", Json.timestamp(row.updateTime()));
    }

    private static ObjectNode scopedFields(CmsKind kind, ObjectNode entity) {
        ObjectNode fields = Json.NODES.objectNode();
        for (String member : kind.scopedMembers()) {
            if (entity.has(member)) {
                fields.set(member, entity.get(member));
            }
        }
        return fields;
    }

    /** Magento's page URL key rules; blocks only need an identifier. */
    private static String checkIdentifier(CmsKind kind, String identifier) {
        if (kind != CmsKind.PAGE) {
            return identifier;
        }
        if (RESERVED.containsKey(identifier)) {
            throw saveError(kind, "This identifier is reserved for \"" + RESERVED.get(identifier) + "\" in configuration.");
        }
        if (identifier.matches("\\d+")) {
            throw saveError(kind, "The page URL key can't use only numbers. Add letters or words and try again.");
        }
        if (!PAGE_IDENTIFIER.matcher(identifier).matches()) {
            throw saveError(kind, "The page URL key can't use capital letters or disallowed symbols. Remove the letters and symbols and try again.");
        }
        return identifier;
    }

    private static WebapiException saveError(CmsKind kind, String inner) {
        return kind.wrapsSaveErrors() ? WebapiException.badRequest(Phrase.positional(COULD_NOT_SAVE_PAGE, inner))
                : WebapiException.badRequest(inner);
    }

    private static WebapiException notFound(CmsKind kind, int id) {
        return WebapiException.notFound(Phrase.positional(kind.notFound(), String.valueOf(id)));
    }

    static String slug(String title) {
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.isEmpty() || slug.matches("\\d+") ? "page-" + slug : slug;
    }

}
