package io.catalogbulk.core.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Encrypts the OAuth secrets an HMAC check needs in clear (they cannot be hashed): AES-256-GCM with the key of
 * {@code catalog-bulk.oauth.secrets-key} (base64 of 32 bytes, the same in every service), a fresh 12-byte IV per
 * value, stored as base64(IV || ciphertext || tag). Without a key no OAuth credentials are issued or accepted.
 */
@ApplicationScoped
public class SecretCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    @ConfigProperty(name = "catalog-bulk.oauth.secrets-key")
    Optional<String> secretsKey;

    private SecretKeySpec key;

    @PostConstruct
    void readKey() {
        key = secretsKey.filter(k -> !k.isBlank()).map(SecretCipher::parse).orElse(null);
    }

    /** For tests and tools: a cipher with this key (base64 of 32 bytes). */
    public static SecretCipher withKey(String base64Key) {
        SecretCipher cipher = new SecretCipher();
        cipher.secretsKey = Optional.of(base64Key);
        cipher.readKey();
        return cipher;
    }

    private static SecretKeySpec parse(String base64Key) {
        byte[] bytes = Base64.getDecoder().decode(base64Key.strip());
        if (bytes.length != 32) {
            throw new IllegalArgumentException("catalog-bulk.oauth.secrets-key must be the base64 of 32 bytes, not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** Whether a key is configured: OAuth credentials are issued and verified only then. */
    public boolean configured() {
        return key != null;
    }

    public String encrypt(String plain) {
        requireKey();
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String decrypt(String stored) {
        requireKey();
        byte[] all = Base64.getDecoder().decode(stored);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // Another key, or a tampered value: never a secret to check against.
            throw new IllegalStateException("An OAuth secret cannot be decrypted with the configured key", e);
        }
    }

    private void requireKey() {
        if (key == null) {
            throw new IllegalStateException("catalog-bulk.oauth.secrets-key is not configured");
        }
    }
}
