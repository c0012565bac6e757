package io.catalogbulk.core.input;

import java.util.List;

/**
 * One field of an object body. {@code required} marks fields that must always be present; fields that are
 * only required when an entity is created are checked by the entity logic, which knows whether it exists.
 */
public record Field(String name, InputType type, boolean required, List<FieldCheck> checks, String description) {

    public Field {
        checks = List.copyOf(checks);
    }
}
