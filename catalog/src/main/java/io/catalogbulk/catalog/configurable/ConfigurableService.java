package io.catalogbulk.catalog.configurable;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.attribute.AttributeRepository;
import io.catalogbulk.catalog.attribute.AttributeRepository.Attribute;
import io.catalogbulk.catalog.product.ProductConfigurableLinks;
import io.catalogbulk.catalog.product.ProductConfigurableOptions;
import io.catalogbulk.catalog.product.ProductLocks;
import io.catalogbulk.catalog.product.ProductLocks.LockedProduct;
import io.catalogbulk.catalog.product.ProductService;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Configurable products (OptionRepositoryInterface, LinkManagementInterface): a configurable parent offers
 * select attributes as options, and each child is a simple product with one value of each of them.
 */
@ApplicationScoped
@Unremovable
public class ConfigurableService implements ProductConfigurableLinks, ProductConfigurableOptions {

    static final String CONFIGURABLE = "configurable";

    @Inject
    ProductService products;

    /** A configurable option of a parent: the attribute and the option ids it offers. */
    record SuperAttribute(int attributeId, String code, List<Integer> values) {
    }

    /** POST /V1/configurable-products/:sku/options: answers the new option's id. */
    public JsonNode saveOption(OperationContext context, ObjectNode params) throws SQLException {
        Connection connection = context.connection();
        String sku = params.get("sku").asText();
        LockedProduct parent = ProductLocks.require(connection, sku);
        if (!parent.typeId().equals(CONFIGURABLE)) {
            throw WebapiException.badRequest(Phrase.positional(
                    "The product \"%1\" is a %2 product; only configurable products take configurable options.", parent.sku(), parent.typeId()));
        }
        ObjectNode option = (ObjectNode) params.get("option");
        Attribute attribute = attribute(connection, option);
        TreeSet<Integer> values = values(attribute, option);
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO catalog_product_super_attribute (product_id, attribute_id, label, position, is_use_default, value_indexes)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (product_id, attribute_id) DO NOTHING RETURNING id")) {
            statement.setLong(1, parent.id());
            statement.setInt(2, attribute.id());
            statement.setString(3, option.hasNonNull("label") ? option.get("label").asText() : attribute.label());
            statement.setInt(4, option.path("position").asInt(0));
            statement.setBoolean(5, option.path("is_use_default").asBoolean(false));
            statement.setArray(6, connection.createArrayOf("integer", values.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw WebapiException.badRequest(Phrase.positional(
                            "The \"%1\" attribute is already a configurable option of \"%2\".", attribute.code(), parent.sku()));
                }
                return IntNode.valueOf(rs.getInt(1));
            }
        }
    }

    /** The select attribute an option names by id or code: Magento's 404 when there is none, a 400 when not a select. */
    private static Attribute attribute(Connection connection, JsonNode option) throws SQLException {
        String attributeRef = option.get("attribute_id").asText();
        Attribute attribute = (attributeRef.matches("\\d{1,9}")
                ? AttributeRepository.findById(connection, Integer.parseInt(attributeRef))
                : AttributeRepository.find(connection, attributeRef, false))
                .orElseThrow(() -> WebapiException.notFound(Phrase.positional(
                        "The attribute with a \"%1\" attributeId doesn't exist. Verify the attribute and try again.", attributeRef)));
        if (!attribute.frontendInput().equals("select")) {
            throw WebapiException.badRequest(Phrase.positional(
                    "The \"%1\" attribute is a %2 attribute; only select attributes can be configurable options.",
                    attribute.code(), attribute.frontendInput()));
        }
        return attribute;
    }

    /** The option ids an option offers, each one of the attribute's options. */
    private static TreeSet<Integer> values(Attribute attribute, JsonNode option) {
        TreeSet<Integer> values = new TreeSet<>();
        for (JsonNode value : option.get("values")) {
            int index = value.get("value_index").asInt();
            if (!attribute.options().containsKey(index)) {
                throw WebapiException.badRequest(Phrase.positional(
                        "The value index %1 is not an option of the \"%2\" attribute. Its options: %3.",
                        index, attribute.code(), attribute.options().keySet().toString()));
            }
            values.add(index);
        }
        return values;
    }

    /**
     * extension_attributes.configurable_product_options of a product save. The options are upserted by attribute, so
     * one the parent offers already keeps its id (and its children stay valid when their values are still offered);
     * the parent's other options go. The children are not touched: configurable_product_links, saved after this in
     * the same save, replaces them against these options.
     */
    @Override
    public void replaceOptions(Connection connection, LockedProduct parent, JsonNode options) throws SQLException {
        if (!options.isEmpty() && !parent.typeId().equals(CONFIGURABLE)) {
            throw WebapiException.badRequest(Phrase.positional(
                    "The product \"%1\" is a %2 product; only configurable products take configurable options.", parent.sku(), parent.typeId()));
        }
        List<Integer> attributeIds = new ArrayList<>();
        List<Attribute> attributes = new ArrayList<>();
        for (JsonNode option : options) {
            List<Phrase> broken = ConfigurableRoutes.optionRules(option);
            if (!broken.isEmpty()) {
                throw WebapiException.ofErrors(400, broken);
            }
            Attribute attribute = attribute(connection, option);
            if (attributeIds.contains(attribute.id())) {
                throw WebapiException.badRequest(Phrase.positional(
                        "The \"%1\" attribute is already a configurable option of \"%2\".", attribute.code(), parent.sku()));
            }
            attributeIds.add(attribute.id());
            attributes.add(attribute);
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM catalog_product_super_attribute WHERE product_id = ? AND NOT (attribute_id = ANY (?))")) {
            statement.setLong(1, parent.id());
            statement.setArray(2, connection.createArrayOf("integer", attributeIds.toArray()));
            statement.executeUpdate();
        }
        for (int i = 0; i < attributes.size(); i++) {
            Attribute attribute = attributes.get(i);
            JsonNode option = options.get(i);
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO catalog_product_super_attribute (product_id, attribute_id, label, position, is_use_default, value_indexes)"
                            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (product_id, attribute_id) DO UPDATE SET label = EXCLUDED.label,"
                            + " position = EXCLUDED.position, is_use_default = EXCLUDED.is_use_default, value_indexes = EXCLUDED.value_indexes")) {
                statement.setLong(1, parent.id());
                statement.setInt(2, attribute.id());
                statement.setString(3, option.hasNonNull("label") ? option.get("label").asText() : attribute.label());
                statement.setInt(4, option.path("position").asInt(0));
                statement.setBoolean(5, option.path("is_use_default").asBoolean(false));
                statement.setArray(6, connection.createArrayOf("integer", values(attribute, option).toArray()));
                statement.executeUpdate();
            }
        }
    }

    /**
     * Makes each attribute a configurable option of the parent offering at least the given option ids (Magento's
     * import column configurable_variations names them): a missing option is created by {@link #saveOption}, an
     * existing one gains the values it lacks. The parent must exist and be configurable.
     */
    public void ensureOptions(OperationContext context, String parentSku, Map<String, ? extends java.util.Collection<Integer>> valuesByCode)
            throws SQLException {
        Connection connection = context.connection();
        LockedProduct parent = ProductLocks.require(connection, parentSku);
        List<SuperAttribute> existing = superAttributes(connection, parent.id());
        for (Map.Entry<String, ? extends java.util.Collection<Integer>> entry : valuesByCode.entrySet()) {
            Optional<SuperAttribute> option = existing.stream().filter(o -> o.code().equalsIgnoreCase(entry.getKey())).findFirst();
            if (option.isEmpty()) {
                ObjectNode params = Json.NODES.objectNode();
                params.put("sku", parent.sku());
                ObjectNode created = params.putObject("option");
                created.put("attribute_id", entry.getKey());
                ArrayNode values = created.putArray("values");
                new TreeSet<>(entry.getValue()).forEach(value -> values.addObject().put("value_index", value));
                saveOption(context, params);
            } else if (!option.get().values().containsAll(entry.getValue())) {
                TreeSet<Integer> merged = new TreeSet<>(option.get().values());
                merged.addAll(entry.getValue());
                try (PreparedStatement statement = connection.prepareStatement(
                        "UPDATE catalog_product_super_attribute SET value_indexes = ? WHERE product_id = ? AND attribute_id = ?")) {
                    statement.setArray(1, connection.createArrayOf("integer", merged.toArray()));
                    statement.setLong(2, parent.id());
                    statement.setInt(3, option.get().attributeId());
                    statement.executeUpdate();
                }
            }
        }
    }

    /** Whether the child is attached to the parent already. */
    public boolean isChild(Connection connection, long parentId, long childId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM catalog_product_super_link WHERE parent_id = ? AND child_id = ?")) {
            statement.setLong(1, parentId);
            statement.setLong(2, childId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** POST /V1/configurable-products/:sku/child: answers true. */
    public JsonNode addChild(OperationContext context, ObjectNode params) throws SQLException {
        Connection connection = context.connection();
        LockedProduct parent = ProductLocks.require(connection, params.get("sku").asText());
        String childSku = params.get("childSku").asText();
        if (!parent.typeId().equals(CONFIGURABLE)) {
            throw WebapiException.badRequest(Phrase.positional(
                    "The product \"%1\" is a %2 product; children can only be attached to a configurable product.",
                    parent.sku(), parent.typeId()));
        }
        List<SuperAttribute> options = superAttributes(connection, parent.id());
        if (options.isEmpty()) {
            throw WebapiException.badRequest(Phrase.of("The parent product doesn't have configurable product options."));
        }
        // The child is only read: locking it too would order locks by parent then child, against other writers.
        LockedProduct child = ProductLocks.find(connection, childSku).orElseThrow(() -> WebapiException.notFound(Phrase.positional(
                "The child product \"%1\" doesn't exist. Verify the SKU and try again.", childSku)));
        attach(connection, parent, options, child);
        return BooleanNode.TRUE;
    }

    /** Attaches a child after the rules of a configurable child: simple, one offered value per option, unlike its siblings. */
    private static void attach(Connection connection, LockedProduct parent, List<SuperAttribute> options, LockedProduct child)
            throws SQLException {
        if (!child.typeId().equals("simple")) {
            throw WebapiException.badRequest(Phrase.positional(
                    "The child product \"%1\" is a %2 product; only simple products can be children of a configurable product.",
                    child.sku(), child.typeId()));
        }
        Map<Long, Map<String, String>> children = childValues(connection, parent.id(), options);
        if (children.containsKey(child.id())) {
            throw WebapiException.badRequest(Phrase.of("The product is already attached."));
        }
        Map<String, String> values = attributeValues(connection, child.id(), options);
        for (SuperAttribute option : options) {
            String value = values.get(option.code());
            if (value == null) {
                throw WebapiException.badRequest(Phrase.positional(
                        "The child product doesn't have the \"%1\" attribute value. Verify the value and try again.", option.code()));
            }
            if (!value.matches("\\d{1,9}") || !option.values().contains(Integer.parseInt(value))) {
                throw WebapiException.badRequest(Phrase.positional(
                        "The child product's \"%1\" value %2 is not one the configurable option offers (%3).",
                        option.code(), value, option.values().toString()));
            }
        }
        for (Map.Entry<Long, Map<String, String>> sibling : children.entrySet()) {
            if (Objects.equals(sibling.getValue(), values)) {
                throw WebapiException.badRequest(Phrase.positional(
                        "Another child of \"%1\" already has the attribute values %2.", parent.sku(), values.toString()));
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO catalog_product_super_link (parent_id, child_id) VALUES (?, ?)")) {
            statement.setLong(1, parent.id());
            statement.setLong(2, child.id());
            statement.executeUpdate();
        }
    }

    @Override
    public void replaceChildren(Connection connection, LockedProduct parent, JsonNode childIds) throws SQLException {
        List<SuperAttribute> options = List.of();
        if (!childIds.isEmpty()) {
            if (!parent.typeId().equals(CONFIGURABLE)) {
                throw WebapiException.badRequest(Phrase.positional(
                        "The product \"%1\" is a %2 product; children can only be attached to a configurable product.",
                        parent.sku(), parent.typeId()));
            }
            options = superAttributes(connection, parent.id());
            if (options.isEmpty()) {
                throw WebapiException.badRequest(Phrase.of("The parent product doesn't have configurable product options."));
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM catalog_product_super_link WHERE parent_id = ?")) {
            statement.setLong(1, parent.id());
            statement.executeUpdate();
        }
        for (JsonNode id : childIds) {
            long childId = id.asLong();
            LockedProduct child = byId(connection, childId).orElseThrow(() -> WebapiException.noSuchEntity("id", childId));
            attach(connection, parent, options, child);
        }
    }

    private static Optional<LockedProduct> byId(Connection connection, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT id, sku, type_id FROM catalog_product WHERE id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(new LockedProduct(rs.getLong(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    /** GET /V1/configurable-products/:sku/children: the children as products, as the request's store sees them. */
    public JsonNode getChildren(OperationContext context, ObjectNode params) throws SQLException {
        LockedProduct parent = ProductLocks.find(context.connection(), params.get("sku").asText()).orElseThrow(ProductLocks::notFound);
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement statement = context.connection().prepareStatement(
                "SELECT child_id FROM catalog_product_super_link WHERE parent_id = ? ORDER BY child_id")) {
            statement.setLong(1, parent.id());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        ArrayNode out = Json.NODES.arrayNode();
        products.views(context, ids).forEach(out::add);
        return out;
    }

    private static List<SuperAttribute> superAttributes(Connection connection, long productId) throws SQLException {
        List<SuperAttribute> options = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT s.attribute_id, a.attribute_code, s.value_indexes FROM catalog_product_super_attribute s"
                        + " JOIN catalog_attribute a ON a.attribute_id = s.attribute_id WHERE s.product_id = ? ORDER BY s.position, s.id")) {
            statement.setLong(1, productId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Array array = rs.getArray(3);
                    List<Integer> values = new ArrayList<>();
                    for (Object value : (Object[]) array.getArray()) {
                        values.add(((Number) value).intValue());
                    }
                    options.add(new SuperAttribute(rs.getInt(1), rs.getString(2), values));
                }
            }
        }
        return options;
    }

    /** A product's global values of the option attributes, by attribute code (configurable attributes are global). */
    private static Map<String, String> attributeValues(Connection connection, long productId, List<SuperAttribute> options)
            throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT custom_attributes::text FROM catalog_product_store_value WHERE product_id = ? AND store_id = 0")) {
            statement.setLong(1, productId);
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    JsonNode attributes = Json.parse(rs.getString(1));
                    for (SuperAttribute option : options) {
                        JsonNode value = findIgnoringCase(attributes, option.code());
                        if (value != null && !value.isNull() && !value.asText().isBlank()) {
                            values.put(option.code(), value.asText().trim());
                        }
                    }
                }
            }
        }
        return values;
    }

    private static JsonNode findIgnoringCase(JsonNode attributes, String code) {
        for (var it = attributes.fields(); it.hasNext(); ) {
            var entry = it.next();
            if (entry.getKey().equalsIgnoreCase(code)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static Map<Long, Map<String, String>> childValues(Connection connection, long parentId, List<SuperAttribute> options)
            throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT child_id FROM catalog_product_super_link WHERE parent_id = ?")) {
            statement.setLong(1, parentId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        Map<Long, Map<String, String>> children = new LinkedHashMap<>();
        for (Long id : ids) {
            children.put(id, attributeValues(connection, id, options));
        }
        return children;
    }
}
