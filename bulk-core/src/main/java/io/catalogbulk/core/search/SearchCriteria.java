package io.catalogbulk.core.search;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.webapi.Json;

/**
 * Magento's searchCriteria: filter groups (AND) of filters (OR), sort orders, page size and current page.
 * {@link #echo()} is the {@code search_criteria} member of a search result.
 */
public record SearchCriteria(List<FilterGroup> filterGroups, List<SortOrder> sortOrders, Integer pageSize, Integer currentPage) {

    public record Filter(String field, String value, String conditionType) {
        /** The condition Magento applies when none is given. */
        public String condition() {
            return conditionType == null ? "eq" : conditionType;
        }
    }

    public record FilterGroup(List<Filter> filters) {
    }

    public record SortOrder(String field, String direction) {
    }

    /** The criteria as handlers receive them in their parameters: the same JSON as {@link #echo()}. */
    public ObjectNode toJson() {
        return echo();
    }

    /** Reads criteria back from {@link #toJson()} (a route's {@code searchCriteria} parameter). */
    public static SearchCriteria fromJson(JsonNode json) {
        List<FilterGroup> groups = new ArrayList<>();
        for (JsonNode group : json.path("filter_groups")) {
            List<Filter> filters = new ArrayList<>();
            for (JsonNode f : group.path("filters")) {
                filters.add(new Filter(f.path("field").asText(), f.path("value").asText(),
                        f.hasNonNull("condition_type") ? f.get("condition_type").asText() : null));
            }
            groups.add(new FilterGroup(filters));
        }
        List<SortOrder> sorts = new ArrayList<>();
        for (JsonNode s : json.path("sort_orders")) {
            sorts.add(new SortOrder(s.path("field").asText(), s.path("direction").asText("ASC")));
        }
        Integer pageSize = json.hasNonNull("page_size") ? json.get("page_size").asInt() : null;
        Integer currentPage = json.hasNonNull("current_page") ? json.get("current_page").asInt() : null;
        return new SearchCriteria(groups, sorts, pageSize, currentPage);
    }

    public ObjectNode echo() {
        ObjectNode out = Json.NODES.objectNode();
        ArrayNode groups = out.putArray("filter_groups");
        for (FilterGroup group : filterGroups) {
            ArrayNode filters = groups.addObject().putArray("filters");
            for (Filter filter : group.filters()) {
                ObjectNode f = filters.addObject();
                f.put("field", filter.field());
                f.put("value", filter.value());
                if (filter.conditionType() != null) {
                    f.put("condition_type", filter.conditionType());
                }
            }
        }
        if (!sortOrders.isEmpty()) {
            ArrayNode sorts = out.putArray("sort_orders");
            for (SortOrder sort : sortOrders) {
                ObjectNode s = sorts.addObject();
                s.put("field", sort.field());
                s.put("direction", sort.direction());
            }
        }
        if (pageSize != null) {
            out.put("page_size", pageSize);
        }
        if (currentPage != null) {
            out.put("current_page", currentPage);
        }
        return out;
    }
}
