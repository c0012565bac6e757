package io.catalogbulk.core.input;

/**
 * The declared type of an input value. Every body a route accepts is described with these types once,
 * and validation, normalization and the OpenAPI schema are all derived from that description.
 */
public sealed interface InputType permits ScalarType, ListType, ObjectSchema, CustomAttributesType {

    /** The type name Magento prints in its type errors ("int", "float", "string[]", "\Magento\...Interface"). */
    String typeName();
}
