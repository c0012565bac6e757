package io.catalogbulk.ingest.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** docs/configuration.md names every environment variable the services' configuration files read. */
class ConfigurationDocTest {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):");

    @Test
    void everyEnvironmentVariableIsDocumented() throws IOException {
        Path root = ProjectFiles.root();
        Set<String> variables = new TreeSet<>();
        for (String file : List.of("bulk-core/src/main/resources/META-INF/microprofile-config.properties",
                "ingest-service/src/main/resources/application.properties",
                "worker-service/src/main/resources/application.properties",
                "status-service/src/main/resources/application.properties")) {
            Matcher variable = VARIABLE.matcher(Files.readString(root.resolve(file), StandardCharsets.UTF_8));
            while (variable.find()) {
                variables.add(variable.group(1));
            }
        }
        assertTrue(variables.size() > 40, variables.toString());
        String page = Files.readString(root.resolve("docs/configuration.md"), StandardCharsets.UTF_8);
        Set<String> missing = new TreeSet<>();
        for (String variable : variables) {
            if (!page.contains("`" + variable + "`")) {
                missing.add(variable);
            }
        }
        assertEquals(Set.of(), missing, "variables read by the services but not in docs/configuration.md");
    }
}
