package io.catalogbulk.core.input;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An object body (ProductInterface, CustomerInterface, ...): its Magento interface name, used in error
 * messages and OpenAPI, and its fields in Magento's output order.
 */
public final class ObjectSchema implements InputType {

    private final String interfaceName;
    private final Map<String, Field> fields;

    private ObjectSchema(String interfaceName, Map<String, Field> fields) {
        this.interfaceName = interfaceName;
        this.fields = Collections.unmodifiableMap(fields);
    }

    public static Builder named(String interfaceName) {
        return new Builder(interfaceName);
    }

    public String interfaceName() {
        return interfaceName;
    }

    /** The OpenAPI component name: the interface's short name ("catalog-data-product-interface" style). */
    public String componentName() {
        String[] parts = interfaceName.split("\\\\");
        StringBuilder name = new StringBuilder();
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].equals("Api")) {
                continue;
            }
            name.append(parts[i]);
        }
        return name.isEmpty() ? interfaceName : name.toString();
    }

    public Map<String, Field> fields() {
        return fields;
    }

    public Field field(String name) {
        return fields.get(name);
    }

    @Override
    public String typeName() {
        return "\\" + interfaceName;
    }

    public static final class Builder {
        private final String interfaceName;
        private final Map<String, Field> fields = new LinkedHashMap<>();

        private Builder(String interfaceName) {
            this.interfaceName = interfaceName;
        }

        public Builder field(String name, InputType type, FieldCheck... checks) {
            return add(name, type, false, null, checks);
        }

        public Builder required(String name, InputType type, FieldCheck... checks) {
            return add(name, type, true, null, checks);
        }

        public Builder described(String name, InputType type, String description, FieldCheck... checks) {
            return add(name, type, false, description, checks);
        }

        private Builder add(String name, InputType type, boolean required, String description, FieldCheck... checks) {
            if (fields.containsKey(name)) {
                throw new IllegalArgumentException("Field " + name + " declared twice in " + interfaceName);
            }
            fields.put(name, new Field(name, type, required, new ArrayList<>(List.of(checks)), description));
            return this;
        }

        public ObjectSchema build() {
            return new ObjectSchema(interfaceName, new LinkedHashMap<>(fields));
        }
    }
}
