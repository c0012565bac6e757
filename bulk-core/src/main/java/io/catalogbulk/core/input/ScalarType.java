package io.catalogbulk.core.input;

/** int, float, string, bool, or mixed (any JSON scalar or array: custom attribute values). */
public enum ScalarType implements InputType {
    STRING("string"),
    INT("int"),
    FLOAT("float"),
    BOOL("bool"),
    MIXED("mixed");

    private final String typeName;

    ScalarType(String typeName) {
        this.typeName = typeName;
    }

    @Override
    public String typeName() {
        return typeName;
    }
}
