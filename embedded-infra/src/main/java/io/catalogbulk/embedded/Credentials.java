package io.catalogbulk.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;

/**
 * The one password of the embedded pair (the PostgreSQL superuser and the broker user). Generated at the first
 * start and kept in {@code DIR/password}, readable by its owner only; {@code EMBEDDED_PASSWORD} chooses it instead
 * (the tests do, to know it before the start). PostgreSQL keeps the password its cluster was created with, so a
 * different one for an existing directory is refused rather than left to fail at the first login.
 */
final class Credentials {

    static final String PASSWORD_VARIABLE = "EMBEDDED_PASSWORD";
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private Credentials() {
    }

    static String password(InfraSettings settings, Map<String, String> environment) throws IOException {
        Path file = settings.passwordFile();
        String chosen = environment.get(PASSWORD_VARIABLE);
        if (Files.isRegularFile(file)) {
            String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (chosen != null && !chosen.isBlank() && !chosen.equals(stored)) {
                throw new IllegalStateException(PASSWORD_VARIABLE + " differs from the password the data in "
                        + settings.directory() + " was created with; unset it or remove that directory");
            }
            return stored;
        }
        String password = chosen == null || chosen.isBlank() ? generate() : chosen;
        writePrivate(file, password + "\n");
        return password;
    }

    /** Writes a file only its owner can read (where the file system has permissions). */
    static void writePrivate(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path staging = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(staging);
        if (FileTree.isPosix(staging.getParent())) {
            Files.createFile(staging, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(staging, content, StandardCharsets.UTF_8);
        Files.move(staging, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
