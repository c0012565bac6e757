package io.catalogbulk.status.console;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.qute.TemplateInstance;

import io.catalogbulk.core.ledger.OperationReads;
import io.catalogbulk.core.messaging.QueueMetrics;
import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.status.console.ConsoleViews.Bar;
import io.catalogbulk.status.console.ConsoleViews.Segment;
import io.catalogbulk.status.metrics.OpenOperationsMetrics;

/**
 * The overview page: the figures the service already exports as gauges (queue depth and consumers, open
 * operations, age of the oldest open bulk), read from the same cached readings, and the operations finished per
 * minute by status over the last hour, read at most once a minute (it scans the operation table).
 */
@ApplicationScoped
public class ConsoleOverview {

    private static final Logger LOG = Logger.getLogger(ConsoleOverview.class);
    static final int MINUTES = 60;
    private static final long REFRESH_NANOS = 60_000_000_000L;
    private static final int[] STATUSES = {OperationStatus.COMPLETE.code(), OperationStatus.RETRIABLY_FAILED.code(),
            OperationStatus.NOT_RETRIABLY_FAILED.code(), OperationStatus.REJECTED.code()};

    @Inject
    Instance<QueueMetrics> queue;

    @Inject
    OpenOperationsMetrics open;

    @Inject
    OperationReads operations;

    private List<OperationReads.MinuteCount> perMinute;
    private long readAtNanos;

    TemplateInstance render(TemplateInstance page) {
        QueueMetrics.Depth depth = queue.isResolvable() ? queue.get().depth() : new QueueMetrics.Depth(Double.NaN, Double.NaN);
        OpenOperationsMetrics.Backlog backlog = open.backlog();
        List<OperationReads.MinuteCount> minutes = perMinute();
        Chart chart = Chart.of(minutes == null ? List.of() : minutes, OffsetDateTime.now(ZoneOffset.UTC), MINUTES);
        return page.data("queueMessages", number(depth.messages())).data("queueConsumers", number(depth.consumers()))
                .data("openOperations", number(backlog.open())).data("oldestOpen", age(backlog.oldestSeconds()))
                .data("chart", chart).data("chartAvailable", minutes != null);
    }

    /** Bars of operations finished per minute by status, one per minute up to {@code last}, with their totals. */
    @io.quarkus.qute.TemplateData
    record Chart(List<Bar> bars, long max, long complete, long retriablyFailed, long notRetriablyFailed, long rejected) {

        static Chart of(List<OperationReads.MinuteCount> counts, OffsetDateTime last, int minutes) {
            long[] totals = new long[6];
            Map<OffsetDateTime, long[]> byMinute = new LinkedHashMap<>();
            OffsetDateTime lastMinute = last.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
            for (int i = minutes - 1; i >= 0; i--) {
                byMinute.put(lastMinute.minusMinutes(i), new long[6]);
            }
            for (OperationReads.MinuteCount count : counts) {
                long[] row = byMinute.get(count.minute().withOffsetSameInstant(ZoneOffset.UTC));
                if (row != null) {
                    row[count.status()] += count.operations();
                    totals[count.status()] += count.operations();
                }
            }
            long max = 1;
            for (long[] row : byMinute.values()) {
                max = Math.max(max, row[1] + row[2] + row[3] + row[5]);
            }
            List<Bar> bars = new ArrayList<>();
            double width = 100.0 / minutes;
            int index = 0;
            for (Map.Entry<OffsetDateTime, long[]> minute : byMinute.entrySet()) {
                long[] row = minute.getValue();
                List<Segment> segments = new ArrayList<>();
                double y = 100;
                String hhmm = ConsoleViews.time(minute.getKey()).substring(11, 16);
                StringBuilder label = new StringBuilder(hhmm);
                for (int status : STATUSES) {
                    if (row[status] == 0) {
                        continue;
                    }
                    double height = 100.0 * row[status] / max;
                    y -= height;
                    // x holds the top, width the height: the chart's bars grow upwards.
                    segments.add(new Segment(ConsoleViews.operationStatusName(status).replace(' ', '-'),
                            ConsoleViews.operationStatusName(status), row[status], round(y), round(height)));
                    label.append(", ").append(row[status]).append(' ').append(ConsoleViews.operationStatusName(status));
                }
                bars.add(new Bar(hhmm, round(index * width), round(width * 0.8), segments, label.toString()));
                index++;
            }
            return new Chart(bars, max, totals[OperationStatus.COMPLETE.code()], totals[OperationStatus.RETRIABLY_FAILED.code()],
                    totals[OperationStatus.NOT_RETRIABLY_FAILED.code()], totals[OperationStatus.REJECTED.code()]);
        }
    }

    /** A bulk's throughput: its last hour of activity (ending now while it runs, at its last finished minute after). */
    Chart bulkChart(java.util.UUID bulk, boolean finished) {
        List<OperationReads.MinuteCount> counts = io.catalogbulk.status.bulk.BulkAccess.database(() -> operations.finishedPerMinute(bulk, MINUTES));
        OffsetDateTime last = finished && !counts.isEmpty() ? counts.get(counts.size() - 1).minute() : OffsetDateTime.now(ZoneOffset.UTC);
        return Chart.of(counts, last, MINUTES);
    }

    private synchronized List<OperationReads.MinuteCount> perMinute() {
        long now = System.nanoTime();
        if (perMinute == null || now - readAtNanos >= REFRESH_NANOS) {
            try {
                perMinute = operations.finishedPerMinute(MINUTES, 5);
                readAtNanos = now;
            } catch (SQLException e) {
                LOG.debugf("Operations per minute unavailable: %s", e.getMessage());
                return null;
            }
        }
        return perMinute;
    }

    /** Forgets the cached minutes (tests that just wrote operations read them at once). */
    synchronized void forget() {
        perMinute = null;
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "unknown" : String.valueOf((long) value);
    }

    private static String age(double seconds) {
        if (Double.isNaN(seconds)) {
            return "unknown";
        }
        if (seconds <= 0) {
            return "none open";
        }
        long s = (long) seconds;
        return s >= 3600 ? (s / 3600) + " h " + (s % 3600 / 60) + " min" : s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
