package io.catalogbulk.core.input;

public record ListType(InputType element) implements InputType {

    public static ListType of(InputType element) {
        return new ListType(element);
    }

    @Override
    public String typeName() {
        return element.typeName() + "[]";
    }
}
