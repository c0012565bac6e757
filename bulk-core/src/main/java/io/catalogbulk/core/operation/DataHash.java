package io.catalogbulk.core.operation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** data_hash: lowercase hex SHA-256 of an operation's stored serialized data. */
public final class DataHash {

    private DataHash() {
    }

    public static String sha256Hex(byte[] serializedData) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(serializedData));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
