package io.catalogbulk.core.operation;

/** Magento's operation status codes (Magento\AsynchronousOperations\Api\Data\OperationInterface). */
public enum OperationStatus {
    COMPLETE(1),
    RETRIABLY_FAILED(2),
    NOT_RETRIABLY_FAILED(3),
    OPEN(4),
    REJECTED(5);

    private final int code;

    OperationStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static OperationStatus of(int code) {
        for (OperationStatus status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        throw new IllegalArgumentException("Unknown operation status " + code);
    }

    public static boolean isValid(int code) {
        return code >= 1 && code <= 5;
    }
}
