package io.catalogbulk.core.route;

import io.catalogbulk.core.input.InputType;

/** A top-level body parameter (Magento's service method parameter: "product", "saveOptions", ...). */
public record BodyParam(String name, InputType type, boolean required) {
}
