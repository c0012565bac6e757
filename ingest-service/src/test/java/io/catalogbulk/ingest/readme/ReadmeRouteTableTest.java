package io.catalogbulk.ingest.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.ingest.RouteTableProducer;

/**
 * The README's table of supported routes is the route table: this test fails when the text between the
 * markers differs from what the declarations generate. {@code -Dreadme.update=true} rewrites it instead:
 * {@code ./mvnw -B -ntp -o test -pl ingest-service -am -Dtest=ReadmeRouteTableTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dreadme.update=true}.
 */
class ReadmeRouteTableTest {

    static final String BEGIN = "<!-- route-table:begin (generated from the route declarations by ReadmeRouteTableTest; do not edit) -->";
    static final String END = "<!-- route-table:end -->";

    static String table() {
        List<RouteDeclaration> routes = RouteTableProducer.routes().routes().stream()
                .sorted(Comparator.comparing((RouteDeclaration r) -> r.path().template()).thenComparing(r -> r.method().ordinal()))
                .toList();
        StringBuilder out = new StringBuilder();
        out.append("| method | route | async `/rest[/<store>]/async` | bulk `/rest[/<store>]/async/bulk` | ACL resource | service method |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (RouteDeclaration route : routes) {
            out.append("| ").append(route.method()).append(" | `").append(route.path().template()).append("` | ")
                    .append(route.asyncAllowed() ? "yes" : "–").append(" | ")
                    .append(route.asyncAllowed() ? "`" + route.bulkPath() + "`" : "–").append(" | ")
                    .append(route.anonymous() ? "anonymous" : "`" + route.aclResource() + "`").append(" | ")
                    .append("`").append(route.service().display()).append("` |\n");
        }
        return out.toString();
    }

    static Path readme() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README.md")) || dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("README.md of the project not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("README.md");
    }

    @Test
    void readmeListsEveryDeclaredRoute() throws IOException {
        Path readme = readme();
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "README.md needs the markers " + BEGIN + " and " + END);
        String current = text.substring(begin + BEGIN.length() + 1, end);
        String expected = table();
        if (Boolean.getBoolean("readme.update") && !current.equals(expected)) {
            Files.writeString(readme, text.substring(0, begin + BEGIN.length() + 1) + expected + text.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertEquals(expected, current, "README route table is out of date; regenerate it with -Dreadme.update=true"
                + " (see ReadmeRouteTableTest)");
    }
}
