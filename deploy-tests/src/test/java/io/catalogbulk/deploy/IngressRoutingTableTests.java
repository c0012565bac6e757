package io.catalogbulk.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/**
 * One routing table for the public address (bulk-core's ingress-routes.properties, which ingest-service's local
 * forward reads): the chart's ingress with its default values and the kustomize base's ingress route exactly the
 * prefixes of that table to exactly its services, so bin/start's one address behaves like the cluster's.
 */
class IngressRoutingTableTests {

    static final String TABLE = "bulk-core/src/main/resources/io/catalogbulk/core/ingress/ingress-routes.properties";

    static Map<String, String> table() throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Project.read(TABLE)));
        Map<String, String> table = new TreeMap<>();
        properties.stringPropertyNames().forEach(prefix -> table.put(prefix, properties.getProperty(prefix).trim()));
        return table;
    }

    @Test
    void theChartsIngressIsTheTable() throws IOException {
        Manifests manifests = Chart.render("default");
        Ingress ingress = manifests.one(Ingress.class, name -> true);
        Map<String, String> routes = new TreeMap<>();
        for (HTTPIngressPath path : ingress.getSpec().getRules().get(0).getHttp().getPaths()) {
            assertEquals("Prefix", path.getPathType(), path.getPath());
            String service = path.getBackend().getService().getName();
            String component = manifests.one(Service.class, service::equals).getSpec().getSelector().get("app.kubernetes.io/component");
            routes.put(path.getPath(), component);
        }
        assertEquals(table(), routes);
    }

    @Test
    void theKustomizeBaseIngressIsTheTable() throws IOException {
        Ingress ingress = Manifests.parse(Project.read("deploy/kustomize/base/ingress.yaml")).one(Ingress.class, name -> true);
        Map<String, String> routes = new TreeMap<>();
        for (HTTPIngressPath path : ingress.getSpec().getRules().get(0).getHttp().getPaths()) {
            assertEquals("Prefix", path.getPathType(), path.getPath());
            String service = path.getBackend().getService().getName();
            assertTrue(service.endsWith("-service"), service);
            routes.put(path.getPath(), service.substring(0, service.length() - "-service".length()));
        }
        assertEquals(table(), routes);
    }
}
