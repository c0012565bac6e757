package io.catalogbulk.worker.metrics;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.catalogbulk.core.operation.OperationStatus;

/**
 * What the worker tells Prometheus about operations: how many finished, by topic and status
 * ({@code catalog_bulk_operations_finished_total}), and how long executing one took, by topic
 * ({@code catalog_bulk_operation_execution_seconds}). Dashboards and alerts (deploy/monitoring) read these
 * names; the batch executor only calls the two methods below.
 */
@ApplicationScoped
public class OperationMetrics {

    @Inject
    MeterRegistry registry;

    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5)};

    private final Map<String, Timer> executionTimers = new ConcurrentHashMap<>();

    /** An operation reached a final status (complete, retriably or not retriably failed). */
    public void finished(String topic, OperationStatus status) {
        registry.counter("catalog_bulk_operations_finished", "topic", topic, "status", status.name().toLowerCase(Locale.ROOT))
                .increment();
    }

    /** Time spent executing one operation's handler, committed or not. */
    public void executed(String topic, long nanos) {
        executionTimers.computeIfAbsent(topic, t -> Timer.builder("catalog_bulk_operation_execution_seconds")
                .description("Time to execute one operation, by topic")
                .tag("topic", t)
                // A few fixed buckets (not Micrometer's ~70) keep the series per topic small yet allow quantiles.
                .serviceLevelObjectives(BUCKETS)
                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
