package io.catalogbulk.core.input;

/**
 * Magento's custom_attributes: a list of {attribute_code, value} or a map {code: value} on input,
 * always normalized to the list form.
 */
public enum CustomAttributesType implements InputType {
    INSTANCE;

    @Override
    public String typeName() {
        return "\\Magento\\Framework\\Api\\AttributeInterface[]";
    }
}
