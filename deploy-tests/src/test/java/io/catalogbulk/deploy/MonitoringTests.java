package io.catalogbulk.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The alert rules and the Grafana dashboard parse and only read metrics the services export: the names
 * below are the ones the services' own tests find on /q/metrics (IngestMetricsTests, OperationMetricsTests,
 * OpenOperationsMetricsTests, PublishRelayTests).
 */
class MonitoringTests {

    static final Set<String> EXPORTED = Set.of(
            "catalog_bulk_operations_accepted_total",
            "catalog_bulk_relay_republished_total",
            "catalog_bulk_operations_finished_total",
            "catalog_bulk_operation_execution_seconds_bucket",
            "catalog_bulk_queue_messages",
            "catalog_bulk_queue_consumers",
            "catalog_bulk_operations_open",
            "catalog_bulk_operations_open_oldest_seconds",
            "catalog_bulk_storage_partition_weeks_ahead");

    static final Pattern METRIC = Pattern.compile("\\bcatalog_bulk_[a-z_]+");

    static Set<String> metrics(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(expression);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    @Test
    void alertRulesCoverTheFiveConditionsOnExportedMetrics() {
        JsonNode rules = new YAMLMapper().readTree(Project.read("deploy/monitoring/prometheus-rules.yaml"))
                .get("groups").get(0).get("rules");
        Map<String, String> expected = Map.of(
                "CatalogBulkQueueBacklog", "catalog_bulk_queue_messages",
                "CatalogBulkOperationsFailing", "catalog_bulk_operations_finished_total",
                "CatalogBulkOperationsOpenTooLong", "catalog_bulk_operations_open_oldest_seconds",
                "CatalogBulkNoConsumer", "catalog_bulk_queue_consumers",
                "CatalogBulkStoragePartitionsRunningOut", "catalog_bulk_storage_partition_weeks_ahead");
        List<String> alerts = new ArrayList<>();
        for (JsonNode rule : rules) {
            String alert = rule.get("alert").asString();
            String expr = rule.get("expr").asString();
            alerts.add(alert);
            assertTrue(metrics(expr).contains(expected.get(alert)), alert + ": " + expr);
            assertTrue(EXPORTED.containsAll(metrics(expr)), alert + " reads an unknown metric: " + metrics(expr));
            assertFalse(rule.get("for").asString().isBlank());
            assertTrue(rule.get("annotations").has("summary"));
        }
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(alerts));
    }

    @Test
    void dashboardPanelsQueryExportedMetrics() {
        JsonNode dashboard = new JsonMapper().readTree(Project.read("deploy/monitoring/grafana-dashboard.json"));
        assertEquals("catalog-bulk", dashboard.get("uid").asString());
        Set<String> used = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                used.addAll(metrics(target.get("expr").asString()));
            }
        }
        assertTrue(EXPORTED.containsAll(used), "unknown metrics in the dashboard: " + used);
        assertTrue(used.containsAll(Set.of("catalog_bulk_queue_messages", "catalog_bulk_operations_accepted_total",
                "catalog_bulk_operations_finished_total", "catalog_bulk_operation_execution_seconds_bucket",
                "catalog_bulk_operations_open")), used.toString());
    }
}
