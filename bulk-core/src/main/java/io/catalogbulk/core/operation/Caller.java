package io.catalogbulk.core.operation;

/** Who submitted a request: the user id and Magento user type recorded on the bulk. */
public record Caller(Integer userId, int userType) {
}
