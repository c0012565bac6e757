package io.catalogbulk.core.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.catalogbulk.core.input.Names;
import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Reads {@code searchCriteria[filter_groups][0][filters][0][field]=...} style query parameters (camelCase or
 * snake_case keys). Anything that is not part of searchCriteria's shape, and any unknown condition type,
 * is a 400: nothing from the query reaches SQL except as a bound value.
 */
public final class SearchCriteriaParser {

    public static final Set<String> CONDITIONS = Set.of("eq", "neq", "like", "nlike", "in", "nin", "gt", "gteq", "lt",
            "lteq", "null", "notnull", "from", "to");

    /** Magento accepts a service parameter by its name or in snake_case: searchCriteria or search_criteria. */
    private static final Pattern KEY = Pattern.compile("(?:searchCriteria|search_criteria)((?:\\[[^\\[\\]]*\\])*)");
    private static final Pattern PART = Pattern.compile("\\[([^\\[\\]]*)\\]");
    private static final int MAX_INDEX = 1000;

    private SearchCriteriaParser() {
    }

    /** @param query every query parameter with its (first) value */
    public static SearchCriteria parse(Map<String, String> query) {
        boolean present = false;
        TreeMap<Integer, TreeMap<Integer, String[]>> groups = new TreeMap<>();
        TreeMap<Integer, String[]> sorts = new TreeMap<>();
        Integer pageSize = null;
        Integer currentPage = null;
        for (Map.Entry<String, String> entry : query.entrySet()) {
            Matcher key = KEY.matcher(entry.getKey());
            if (!key.matches()) {
                if (entry.getKey().startsWith("searchCriteria") || entry.getKey().startsWith("search_criteria")) {
                    throw invalid(entry.getKey());
                }
                continue;
            }
            present = true;
            List<String> path = new ArrayList<>();
            Matcher part = PART.matcher(key.group(1));
            while (part.find()) {
                path.add(Names.snake(part.group(1)));
            }
            String value = entry.getValue() == null ? "" : entry.getValue();
            if (!ScalarType.storable(value)) {
                // Bound as a parameter all the same: a NUL would fail the statement (500) instead of refusing the query.
                throw invalidValue(value, entry.getKey());
            }
            if (path.isEmpty()) {
                if (!value.isEmpty()) {
                    throw invalid(entry.getKey());
                }
                continue;
            }
            switch (path.get(0)) {
                case "filter_groups" -> {
                    if (path.size() != 5 || !path.get(2).equals("filters")) {
                        throw invalid(entry.getKey());
                    }
                    String[] filter = groups.computeIfAbsent(index(path.get(1), entry.getKey()), k -> new TreeMap<>())
                            .computeIfAbsent(index(path.get(3), entry.getKey()), k -> new String[3]);
                    switch (path.get(4)) {
                        case "field" -> filter[0] = value;
                        case "value" -> filter[1] = value;
                        case "condition_type" -> filter[2] = value.toLowerCase(Locale.ROOT);
                        default -> throw invalid(entry.getKey());
                    }
                }
                case "sort_orders" -> {
                    if (path.size() != 3) {
                        throw invalid(entry.getKey());
                    }
                    String[] sort = sorts.computeIfAbsent(index(path.get(1), entry.getKey()), k -> new String[2]);
                    switch (path.get(2)) {
                        case "field" -> sort[0] = value;
                        case "direction" -> sort[1] = value.toUpperCase(Locale.ROOT);
                        default -> throw invalid(entry.getKey());
                    }
                }
                case "page_size" -> pageSize = positiveInt(value, "pageSize", true);
                case "current_page" -> currentPage = positiveInt(value, "currentPage", false);
                default -> throw invalid(entry.getKey());
            }
        }
        if (!present) {
            throw WebapiException.requiredField("searchCriteria");
        }
        List<SearchCriteria.FilterGroup> filterGroups = new ArrayList<>();
        for (TreeMap<Integer, String[]> group : groups.values()) {
            List<SearchCriteria.Filter> filters = new ArrayList<>();
            for (String[] f : group.values()) {
                if (f[0] == null || f[0].isEmpty()) {
                    throw WebapiException.requiredField("field");
                }
                if (f[2] != null && !f[2].isEmpty() && !CONDITIONS.contains(f[2])) {
                    throw invalidValue(f[2], "condition_type");
                }
                filters.add(new SearchCriteria.Filter(f[0], f[1] == null ? "" : f[1], f[2] == null || f[2].isEmpty() ? null : f[2]));
            }
            filterGroups.add(new SearchCriteria.FilterGroup(filters));
        }
        List<SearchCriteria.SortOrder> sortOrders = new ArrayList<>();
        for (String[] s : sorts.values()) {
            if (s[0] == null || s[0].isEmpty()) {
                throw WebapiException.requiredField("field");
            }
            String direction = s[1] == null || s[1].isEmpty() ? "ASC" : s[1];
            if (!direction.equals("ASC") && !direction.equals("DESC")) {
                throw invalidValue(s[1], "direction");
            }
            sortOrders.add(new SearchCriteria.SortOrder(s[0], direction));
        }
        return new SearchCriteria(filterGroups, sortOrders, pageSize, currentPage);
    }

    private static int index(String text, String key) {
        try {
            int index = Integer.parseInt(text);
            if (index < 0 || index > MAX_INDEX) {
                throw invalid(key);
            }
            return index;
        } catch (NumberFormatException e) {
            throw invalid(key);
        }
    }

    private static Integer positiveInt(String value, String field, boolean allowZero) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < 0 || parsed == 0 && !allowZero) {
                throw invalidValue(value, field);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw invalidValue(value, field);
        }
    }

    static WebapiException invalid(String key) {
        return WebapiException.badRequest(Phrase.of("\"%fieldName\" is not a searchCriteria field.",
                Map.of("fieldName", key)));
    }

    static WebapiException invalidValue(String value, String field) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("value", value);
        params.put("fieldName", field);
        return WebapiException.badRequest(Phrase.of(WebapiException.INVALID_FIELD_VALUE, params));
    }
}
