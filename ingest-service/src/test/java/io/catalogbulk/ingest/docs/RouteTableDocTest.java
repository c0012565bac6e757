package io.catalogbulk.ingest.docs;

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
 * The route table of docs/routes.md is the route table: this test fails when the text between the markers
 * differs from what the declarations generate. {@code -Ddocs.update=true} rewrites it instead:
 * {@code ./mvnw -B -ntp -o test -pl ingest-service -am -Dtest=RouteTableDocTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Ddocs.update=true}.
 */
class RouteTableDocTest {

    static final String BEGIN = "<!-- route-table:begin (generated from the route declarations by RouteTableDocTest; do not edit) -->";
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

    @Test
    void docsRoutesListsEveryDeclaredRoute() throws IOException {
        Path page = ProjectFiles.root().resolve("docs/routes.md");
        String text = Files.readString(page, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "docs/routes.md needs the markers " + BEGIN + " and " + END);
        String current = text.substring(begin + BEGIN.length() + 1, end);
        String expected = table();
        if (Boolean.getBoolean("docs.update") && !current.equals(expected)) {
            Files.writeString(page, text.substring(0, begin + BEGIN.length() + 1) + expected + text.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertEquals(expected, current, "The route table of docs/routes.md is out of date; regenerate it with -Ddocs.update=true"
                + " (see RouteTableDocTest)");
    }
}
