package io.catalogbulk.catalog.attribute;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.attribute.AttributeRepository.Attribute;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/** Product attributes (ProductAttributeRepositoryInterface, ProductAttributeOptionManagementInterface). */
@ApplicationScoped
@Unremovable
public class AttributeService {

    /** POST /V1/products/attributes: creates the attribute and its options; answers it with their ids. */
    public JsonNode save(OperationContext context, ObjectNode params) throws SQLException {
        ObjectNode input = (ObjectNode) params.get("attribute");
        String code = input.get("attribute_code").asText();
        String frontendInput = input.get("frontend_input").asText();
        JsonNode options = input.path("options");
        if (!options.isEmpty() && !frontendInput.equals("select") && !frontendInput.equals("multiselect")) {
            throw WebapiException.badRequest(Phrase.positional(
                    "Options can only be given to select and multiselect attributes; \"%1\" is a %2 attribute.", code, frontendInput));
        }
        Integer id = AttributeRepository.insert(context.connection(), code, frontendInput,
                        input.get("default_frontend_label").asText(), input.path("is_required").asBoolean(false),
                        input.path("scope").asText("global"))
                .orElseThrow(() -> WebapiException.badRequest(
                        Phrase.positional("An attribute with the same code (%1) already exists.", code)));
        Set<String> labels = new HashSet<>();
        int sort = 0;
        for (JsonNode option : options) {
            String label = option.get("label").asText();
            if (!labels.add(label.toLowerCase())) {
                throw duplicateLabel(label);
            }
            AttributeRepository.insertOption(context.connection(), id, label, option.path("sort_order").asInt(sort++));
        }
        return toJson(AttributeRepository.findById(context.connection(), id).orElseThrow());
    }

    /** GET /V1/products/attributes/:attributeCode */
    public JsonNode get(OperationContext context, ObjectNode params) throws SQLException {
        String code = params.get("attributeCode").asText();
        return toJson(AttributeRepository.find(context.connection(), code, false).orElseThrow(() -> notFound(code)));
    }

    /** POST /V1/products/attributes/:attributeCode/options: answers the new option id, as a string (Magento 2.4). */
    public JsonNode addOption(OperationContext context, ObjectNode params) throws SQLException {
        String code = params.get("attributeCode").asText();
        // Locking the attribute row serializes option adds, so the duplicate-label check below holds.
        Attribute attribute = AttributeRepository.find(context.connection(), code, true).orElseThrow(() -> notFound(code));
        if (!attribute.hasOptions()) {
            throw WebapiException.badRequest(Phrase.positional("The \"%1\" attribute doesn't work with options.", attribute.code()));
        }
        String label = params.get("option").get("label").asText();
        if (attribute.options().values().stream().anyMatch(existing -> existing.equalsIgnoreCase(label))) {
            throw duplicateLabel(label);
        }
        int sortOrder = params.get("option").path("sort_order").asInt(attribute.options().size());
        int optionId = AttributeRepository.insertOption(context.connection(), attribute.id(), label, sortOrder);
        return TextNode.valueOf(String.valueOf(optionId));
    }

    static ObjectNode toJson(Attribute attribute) {
        ObjectNode out = Json.NODES.objectNode();
        out.put("attribute_id", attribute.id());
        out.put("attribute_code", attribute.code());
        out.put("frontend_input", attribute.frontendInput());
        out.put("entity_type_id", "4");
        out.put("is_required", attribute.required());
        out.put("is_user_defined", true);
        out.put("default_frontend_label", attribute.label());
        out.put("scope", attribute.scope());
        out.put("backend_type", attribute.hasOptions() ? (attribute.frontendInput().equals("select") ? "int" : "varchar") : "varchar");
        ArrayNode options = out.putArray("options");
        attribute.options().forEach((id, label) -> {
            ObjectNode option = options.addObject();
            option.put("label", label);
            option.put("value", String.valueOf(id));
        });
        return out;
    }

    public static WebapiException notFound(String code) {
        return WebapiException.notFound(Phrase.positional(
                "The attribute with a \"%1\" attributeCode doesn't exist. Verify the attribute and try again.", code));
    }

    private static WebapiException duplicateLabel(String label) {
        return WebapiException.badRequest(Phrase.positional("Admin store attribute option label \"%1\" is already exists.", label));
    }
}
