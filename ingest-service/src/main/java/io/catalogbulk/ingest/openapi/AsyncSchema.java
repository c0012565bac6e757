package io.catalogbulk.ingest.openapi;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteTable;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.ingest.openapi.RouteOpenApi.Family;

/**
 * Magento's {@code GET /rest[/<store>|/all]/async/schema?services=all}: an OpenAPI 3 document of every
 * asynchronous and bulk route and nothing else (no GET paths, only 202 answers): {@link RouteOpenApi}'s walk of
 * the async and bulk families, with paths relative to the store's {@code /rest} base. A bulk body is an array
 * of items, each the single call's body plus the former path parameters.
 */
public final class AsyncSchema {

    /** What {@code ?services=} accepts: {@code all}, or Magento service names such as {@code catalogProductRepositoryV1}. */
    static final Pattern SERVICE_NAME = Pattern.compile("[a-zA-Z\\d]+V\\d+");

    private AsyncSchema() {
    }

    /** Magento's name of a service in the schema request: {@code Magento\\Catalog\\Api\\ProductRepositoryInterface} gives catalogProductRepositoryV1. */
    public static String serviceName(RouteDeclaration route) {
        String[] parts = route.service().serviceClass().split("\\\\");
        String module = parts[1];
        String name = parts[parts.length - 1];
        if (name.endsWith("Interface")) {
            name = name.substring(0, name.length() - "Interface".length());
        }
        return Character.toLowerCase(module.charAt(0)) + module.substring(1) + name + "V1";
    }

    /**
     * @param services {@code all} (or null), or a comma-separated list of service names
     * @return null when the list is malformed
     */
    public static Predicate<RouteDeclaration> serviceFilter(String services) {
        if (services == null || services.isBlank() || services.equals("all")) {
            return route -> true;
        }
        Set<String> names = new HashSet<>();
        for (String name : services.split(",")) {
            if (!SERVICE_NAME.matcher(name.trim()).matches()) {
                return null;
            }
            names.add(name.trim());
        }
        return route -> names.contains(serviceName(route));
    }

    /** Every async route of the table. */
    public static ObjectNode document(RouteTable table, String serverUrl) {
        return document(table, serverUrl, route -> true);
    }

    /** @param serverUrl the base the paths are relative to, e.g. {@code /rest/all} */
    public static ObjectNode document(RouteTable table, String serverUrl, Predicate<RouteDeclaration> services) {
        ObjectNode doc = Json.NODES.objectNode();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Asynchronous and bulk Web API");
        info.put("version", "1.0");
        info.put("description", "Every asynchronous and bulk route; each answers 202 with the accepted bulk. Follow a bulk"
                + " with GET /rest/V1/bulk/{bulk_uuid}/status. Guarantees: (1) an Idempotency-Key header makes a retried"
                + " submit answer the first 202 again without storing anything (422 for the same key with another request,"
                + " 409 while the first is still being stored); (2) operations on the same entity (SKU, customer, category,"
                + " page...) take effect in the order they were accepted, across bulks, calls, imports and workers;"
                + " (3) POST /rest/V1/bulk/{bulk_uuid}/cancel ends every open operation with status 5 ('Cancelled by the"
                + " user.'); (4) POST /rest/V1/bulk/webhooks subscribes a URL to signed bulk.finished and import.finished"
                + " events (Standard Webhooks, delivered at least once); (5) GET /rest/V1/bulk/{bulk_uuid}/events streams"
                + " progress as text/event-stream.");
        doc.putArray("servers").addObject().put("url", serverUrl);
        doc.setAll(RouteOpenApi.walk(table, "", EnumSet.of(Family.ASYNC, Family.BULK), services));
        return doc;
    }
}
