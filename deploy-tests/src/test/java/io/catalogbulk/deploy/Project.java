package io.catalogbulk.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the checked files are, and the project version images and chart must carry. */
final class Project {

    private Project() {
    }

    static Path root() {
        return Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The root pom's own version (the first &lt;version&gt; after its artifactId), e.g. 1.0.0-SNAPSHOT. */
    static String version() {
        Matcher m = Pattern.compile("<artifactId>catalog-bulk-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(read("pom.xml"));
        if (!m.find()) {
            throw new IllegalStateException("No version in the root pom.xml");
        }
        return m.group(1).trim();
    }
}
