package io.catalogbulk.core.search;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Builds a WHERE clause, ORDER BY and LIMIT from {@link SearchCriteria} over a fixed set of
 * {@link SearchField}s. Field names are looked up, values are bound parameters.
 */
public final class SqlSearch {

    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[ HH:mm[:ss]]")
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
            .toFormatter();

    private final String where;
    private final String orderBy;
    private final List<Object> values;
    private final int limit;
    private final int offset;

    private SqlSearch(String where, String orderBy, List<Object> values, int limit, int offset) {
        this.where = where;
        this.orderBy = orderBy;
        this.values = values;
        this.limit = limit;
        this.offset = offset;
    }

    /**
     * @param defaultOrder ORDER BY used when the criteria give none (keeps paging stable)
     * @param maxPageSize  the largest page a caller may ask for; also the page size when none is given
     */
    public static SqlSearch of(SearchCriteria criteria, Map<String, SearchField> fields, String defaultOrder, int maxPageSize) {
        List<Object> values = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (SearchCriteria.FilterGroup group : criteria.filterGroups()) {
            List<String> alternatives = new ArrayList<>();
            for (SearchCriteria.Filter filter : group.filters()) {
                alternatives.add(condition(field(fields, filter.field()), filter, values));
            }
            if (!alternatives.isEmpty()) {
                groups.add("(" + String.join(" OR ", alternatives) + ")");
            }
        }
        List<String> order = new ArrayList<>();
        for (SearchCriteria.SortOrder sort : criteria.sortOrders()) {
            order.add(field(fields, sort.field()).column() + " " + sort.direction());
        }
        if (criteria.pageSize() != null && criteria.pageSize() > maxPageSize) {
            throw WebapiException.badRequest(Phrase.of("Maximum SearchCriteria pageSize is %max", Map.of("max", maxPageSize)));
        }
        int limit = criteria.pageSize() == null || criteria.pageSize() == 0 ? maxPageSize : criteria.pageSize();
        int page = criteria.currentPage() == null ? 1 : criteria.currentPage();
        long offset = (long) (page - 1) * limit;
        if (offset > Integer.MAX_VALUE) {
            throw SearchCriteriaParser.invalidValue(String.valueOf(page), "currentPage");
        }
        String orderBy = order.isEmpty() ? defaultOrder : String.join(", ", order) + ", " + defaultOrder;
        return new SqlSearch(groups.isEmpty() ? "TRUE" : String.join(" AND ", groups), orderBy, values, limit, (int) offset);
    }

    private static SearchField field(Map<String, SearchField> fields, String name) {
        SearchField field = fields.get(name);
        if (field == null) {
            throw WebapiException.badRequest(Phrase.of("Cannot search by \"%fieldName\". Searchable fields: %fields.",
                    orderedParams(name, String.join(", ", fields.keySet()))));
        }
        return field;
    }

    private static Map<String, Object> orderedParams(String name, String fields) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("fieldName", name);
        params.put("fields", fields);
        return params;
    }

    private static String condition(SearchField field, SearchCriteria.Filter filter, List<Object> values) {
        String column = field.column();
        switch (filter.condition()) {
            case "null":
                return column + " IS NULL";
            case "notnull":
                return column + " IS NOT NULL";
            case "like":
            case "nlike":
                values.add(filter.value());
                return column + "::text " + (filter.condition().equals("like") ? "ILIKE" : "NOT ILIKE") + " ?";
            case "in":
            case "nin": {
                List<String> placeholders = new ArrayList<>();
                for (String item : filter.value().split(",")) {
                    values.add(bind(field, item.trim()));
                    placeholders.add("?");
                }
                return column + (filter.condition().equals("in") ? " IN (" : " NOT IN (") + String.join(", ", placeholders) + ")";
            }
            default:
                values.add(bind(field, filter.value()));
                return column + " " + operator(filter.condition()) + " ?";
        }
    }

    private static String operator(String condition) {
        return switch (condition) {
            case "eq" -> "=";
            case "neq" -> "<>";
            case "gt" -> ">";
            case "gteq", "from" -> ">=";
            case "lt" -> "<";
            case "lteq", "to" -> "<=";
            default -> throw SearchCriteriaParser.invalidValue(condition, "condition_type");
        };
    }

    private static Object bind(SearchField field, String value) {
        try {
            return switch (field.type()) {
                case TEXT -> value;
                case INTEGER -> Long.parseLong(value.trim());
                case UUID -> UUID.fromString(value.trim());
                case TIMESTAMP -> LocalDateTime.parse(value.trim(), TIMESTAMP).atOffset(ZoneOffset.UTC);
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw SearchCriteriaParser.invalidValue(value, field.name());
        } catch (IllegalArgumentException e) {
            throw SearchCriteriaParser.invalidValue(value, field.name());
        }
    }

    public String where() {
        return where;
    }

    public String orderBy() {
        return orderBy;
    }

    public int limit() {
        return limit;
    }

    public int offset() {
        return offset;
    }

    /** Binds the filter values starting at parameter {@code first}; returns the next free index. */
    public int bind(PreparedStatement statement, int first) throws SQLException {
        int index = first;
        for (Object value : values) {
            if (value instanceof UUID uuid) {
                statement.setObject(index++, uuid);
            } else {
                statement.setObject(index++, value);
            }
        }
        return index;
    }
}
