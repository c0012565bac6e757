package io.catalogbulk.catalog.cms;

import java.util.List;

import io.catalogbulk.catalog.scope.ScopedValues;

/**
 * What differs between CMS pages and blocks: tables, body name, the store-scoped members in output order,
 * and Magento's messages. Everything else (store scope, identifiers, reads) is shared by {@link CmsRepository}.
 */
record CmsKind(String table, String body, List<String> scopedMembers, ScopedValues values, String notFound,
        String duplicateIdentifier, boolean wrapsSaveErrors) {

    static final String FIELDS = "fields";

    static final CmsKind PAGE = new CmsKind("cms_page", "page",
            List.of("title", "page_layout", "meta_title", "meta_keywords", "meta_description", "content_heading", "content",
                    "sort_order", "layout_update_xml", "custom_theme", "custom_root_template", "custom_layout_update_xml",
                    "custom_theme_from", "custom_theme_to", "active"),
            new ScopedValues("cms_page_store_value", "page_id", List.of(FIELDS)),
            "The CMS page with the \"%1\" ID doesn't exist.",
            "The value specified in the URL Key field would generate a URL that already exists.", true);

    static final CmsKind BLOCK = new CmsKind("cms_block", "block", List.of("title", "content", "active"),
            new ScopedValues("cms_block_store_value", "block_id", List.of(FIELDS)),
            "The CMS block with the \"%1\" ID doesn't exist.",
            "A block identifier with the same properties already exists in the selected store.", false);
}
