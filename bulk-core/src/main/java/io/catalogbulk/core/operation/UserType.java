package io.catalogbulk.core.operation;

/** Magento's user types (Magento\Authorization\Model\UserContextInterface). */
public final class UserType {

    public static final int INTEGRATION = 1;
    public static final int ADMIN = 2;
    public static final int CUSTOMER = 3;
    public static final int GUEST = 4;

    private UserType() {
    }
}
