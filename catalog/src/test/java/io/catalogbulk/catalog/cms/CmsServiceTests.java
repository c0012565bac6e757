package io.catalogbulk.catalog.cms;

import static io.catalogbulk.catalog.testing.CatalogCalls.delete;
import static io.catalogbulk.catalog.testing.CatalogCalls.get;
import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogCalls.put;
import static io.catalogbulk.catalog.testing.CatalogCalls.query;
import static io.catalogbulk.catalog.testing.CatalogDb.count;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static io.catalogbulk.catalog.testing.CatalogFixtures.newStore;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;

/** CMS pages and blocks: Magento's shape, identifier rules and the store scope table, on the real database. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class CmsServiceTests {
    static int page(String identifier, String content) {
        return post("/V1/cmsPage", "{\"page\":{\"identifier\":\"" + identifier + "\",\"title\":\"About\",\"content\":\"" + content
                + "\",\"active\":true}}").statusCode(200).path("id");
    }

    @Test
    void pageCreateReadUpdateDeleteInMagentosShape() throws Exception {
        String identifier = unique("about-us");
        int id = page(identifier, "<p>Hello</p>");
        get("/V1/cmsPage/" + id).statusCode(200)
                .body("id", equalTo(id)).body("identifier", equalTo(identifier)).body("title", equalTo("About"))
                .body("content", equalTo("<p>Hello</p>")).body("active", equalTo(true))
                .body("$", hasKey("creation_time")).body("$", not(hasKey("is_active"))).body("$", not(hasKey("meta_title")));
        put("/all/V1/cmsPage/" + id, "{\"page\":{\"content_heading\":\"Us\",\"active\":false}}")
                .statusCode(200).body("content_heading", equalTo("Us")).body("active", equalTo(false))
                .body("content", equalTo("<p>Hello</p>"));
        delete("/V1/cmsPage/" + id).statusCode(200).body(equalTo("true"));
        get("/V1/cmsPage/" + id).statusCode(404)
                .body("message", equalTo("The CMS page with the \"%1\" ID doesn't exist."))
                .body("parameters[0]", equalTo(String.valueOf(id)));
        delete("/V1/cmsPage/" + id).statusCode(404);
        assertEquals(0, count("SELECT count(*) FROM cms_page WHERE id = ?", id));
    }

    @Test
    void pagesAndBlocksAreSearchedAsTheStoreSeesThem() {
        String prefix = unique("search");
        String store = newStore();
        int first = page(prefix + "-a", "one");
        int second = page(prefix + "-b", "two");
        put("/" + store + "/V1/cmsPage/" + second, "{\"page\":{\"title\":\"Store title\",\"active\":false}}").statusCode(200);
        String byIdentifier = query("searchCriteria[filterGroups][0][filters][0][field]", "identifier",
                "searchCriteria[filterGroups][0][filters][0][value]", prefix + "%",
                "searchCriteria[filterGroups][0][filters][0][conditionType]", "like",
                "searchCriteria[sortOrders][0][field]", "identifier", "searchCriteria[sortOrders][0][direction]", "DESC");
        get("/V1/cmsPage/search" + byIdentifier).statusCode(200)
                .body("total_count", equalTo(2))
                .body("items.id", contains(second, first))
                .body("items[0].title", equalTo("About"))
                .body("search_criteria.filter_groups[0].filters[0].field", equalTo("identifier"));
        // The store's own title and is_active: filters read what that store sees.
        get("/" + store + "/V1/cmsPage/search" + byIdentifier).statusCode(200)
                .body("items[0].title", equalTo("Store title")).body("items[0].active", equalTo(false));
        get("/" + store + "/V1/cmsPage/search" + byIdentifier + "&" + query("searchCriteria[filterGroups][1][filters][0][field]",
                "is_active", "searchCriteria[filterGroups][1][filters][0][value]", "1").substring(1)).statusCode(200)
                .body("total_count", equalTo(1)).body("items.id", contains(first));
        get("/V1/cmsPage/search" + query("searchCriteria[filterGroups][0][filters][0][field]", "title",
                "searchCriteria[filterGroups][0][filters][0][value]", "Store title")).statusCode(200)
                .body("total_count", equalTo(0));
        get("/V1/cmsPage/search" + byIdentifier + "&" + query("searchCriteria[pageSize]", "1", "searchCriteria[currentPage]", "2").substring(1))
                .statusCode(200).body("total_count", equalTo(2)).body("items.id", contains(first));

        int block = post("/V1/cmsBlock", "{\"block\":{\"identifier\":\"" + prefix + "-block\",\"title\":\"Footer\",\"content\":\"c\"}}")
                .statusCode(200).path("id");
        get("/V1/cmsBlock/search" + query("searchCriteria[filterGroups][0][filters][0][field]", "block_id",
                "searchCriteria[filterGroups][0][filters][0][value]", String.valueOf(block))).statusCode(200)
                .body("total_count", equalTo(1)).body("items[0].identifier", equalTo(prefix + "-block"))
                .body("items[0].title", equalTo("Footer"));
        // A field the search does not know is Magento's 400, not a 500.
        get("/V1/cmsBlock/search" + query("searchCriteria[filterGroups][0][filters][0][field]", "nope",
                "searchCriteria[filterGroups][0][filters][0][value]", "1")).statusCode(400);
    }

    @Test
    void pageIdentifierRules() {
        String identifier = unique("taken");
        page(identifier, "x");
        post("/V1/cmsPage", "{\"page\":{\"identifier\":\"" + identifier.toUpperCase() + "\",\"title\":\"T\"}}")
                .statusCode(400).body("message", equalTo("Could not save the page: %1"));
        post("/V1/cmsPage", "{\"page\":{\"identifier\":\"" + identifier + "\",\"title\":\"T\"}}")
                .statusCode(400).body("message", equalTo("Could not save the page: %1"))
                .body("parameters[0]", equalTo("The value specified in the URL Key field would generate a URL that already exists."));
        post("/V1/cmsPage", "{\"page\":{\"identifier\":\"12345\",\"title\":\"T\"}}").statusCode(400)
                .body("parameters[0]", equalTo("The page URL key can't use only numbers. Add letters or words and try again."));
        post("/V1/cmsPage", "{\"page\":{\"identifier\":\"home\",\"title\":\"T\"}}").statusCode(400)
                .body("parameters[0]", equalTo("This identifier is reserved for \"CMS Home Page\" in configuration."));
        // Without an identifier the title makes one.
        String title = "Shipping " + unique("t");
        post("/V1/cmsPage", "{\"page\":{\"title\":\"" + title + "\"}}").statusCode(200)
                .body("identifier", equalTo(title.toLowerCase().replace(' ', '-')));
        // Magento's key is "active"; is_active has no accessor there and is refused by name here.
        post("/V1/cmsPage", "{\"page\":{\"title\":\"T\",\"is_active\":true}}").statusCode(400);
        put("/V1/cmsPage/987654", "{\"page\":{\"title\":\"T\"}}").statusCode(404);
    }

    @Test
    void contentFollowsTheStoreScopeTable() {
        String store = newStore();
        int id = page(unique("scoped"), "global");
        put("/" + store + "/V1/cmsPage/" + id, "{\"page\":{\"content\":\"in the store\"}}").statusCode(200)
                .body("content", equalTo("in the store"));
        put("/V1/cmsPage/" + id, "{\"page\":{\"content\":\"in default\"}}").statusCode(200);
        get("/" + store + "/V1/cmsPage/" + id).body("content", equalTo("in the store"));
        get("/V1/cmsPage/" + id).body("content", equalTo("in default"));
        get("/all/V1/cmsPage/" + id).body("content", equalTo("global"));
    }

    @Test
    void blockCreateReadUpdateDelete() {
        String identifier = unique("footer-links");
        int id = post("/V1/cmsBlock", "{\"block\":{\"identifier\":\"" + identifier + "\",\"title\":\"Footer\",\"content\":\"<ul></ul>\"}}")
                .statusCode(200)
                .body("identifier", equalTo(identifier)).body("active", equalTo(true)).path("id");
        get("/V1/cmsBlock/" + id).statusCode(200).body("title", equalTo("Footer"))
                .body("content", equalTo("<ul></ul>"));
        put("/all/V1/cmsBlock/" + id, "{\"block\":{\"title\":\"Footer 2\"}}").statusCode(200)
                .body("title", equalTo("Footer 2"));
        post("/V1/cmsBlock", "{\"block\":{\"identifier\":\"" + identifier + "\",\"title\":\"Again\"}}").statusCode(400)
                .body("message", equalTo("A block identifier with the same properties already exists in the selected store."));
        post("/V1/cmsBlock", "{\"block\":{\"title\":\"No identifier\"}}").statusCode(400)
                .body("parameters.fieldName", equalTo("identifier"));
        delete("/V1/cmsBlock/" + id).statusCode(200).body(equalTo("true"));
        get("/V1/cmsBlock/" + id).statusCode(404)
                .body("message", equalTo("The CMS block with the \"%1\" ID doesn't exist."));
    }
}
