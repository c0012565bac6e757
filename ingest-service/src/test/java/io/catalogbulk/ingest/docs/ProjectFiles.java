package io.catalogbulk.ingest.docs;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's root directory (where README.md and mvnw are), found from the module a test runs in. */
final class ProjectFiles {

    private ProjectFiles() {
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("README.md")) && Files.exists(dir.resolve("mvnw")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("The project's README.md and mvnw not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
