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
        long[] totals = new long[6];
        Map<OffsetDateTime, long[]> byMinute = new LinkedHashMap<>();
        OffsetDateTime last = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        for (int i = MINUTES - 1; i >= 0; i--) {
            byMinute.put(last.minusMinutes(i), new long[6]);
        }
        long max = 1;
        if (minutes != null) {
            for (OperationReads.MinuteCount count : minutes) {
                long[] row = byMinute.get(count.minute().withOffsetSameInstant(ZoneOffset.UTC));
                if (row != null) {
                    row[count.status()] += count.operations();
                    totals[count.status()] += count.operations();
                }
            }
            for (long[] row : byMinute.values()) {
                max = Math.max(max, row[1] + row[2] + row[3] + row[5]);
            }
        }
        List<Bar> bars = new ArrayList<>();
        double width = 100.0 / MINUTES;
        int index = 0;
        for (Map.Entry<OffsetDateTime, long[]> minute : byMinute.entrySet()) {
            long[] row = minute.getValue();
            List<Segment> segments = new ArrayList<>();
            double y = 100;
            StringBuilder label = new StringBuilder(ConsoleViews.time(minute.getKey()).substring(11, 16));
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
            bars.add(new Bar(ConsoleViews.time(minute.getKey()).substring(11, 16), round(index * width), round(width * 0.8), segments,
                    label.toString()));
            index++;
        }
        return page.data("queueMessages", number(depth.messages())).data("queueConsumers", number(depth.consumers()))
                .data("openOperations", number(backlog.open())).data("oldestOpen", age(backlog.oldestSeconds()))
                .data("bars", bars).data("chartAvailable", minutes != null).data("max", max)
                .data("complete", totals[OperationStatus.COMPLETE.code()])
                .data("retriablyFailed", totals[OperationStatus.RETRIABLY_FAILED.code()])
                .data("notRetriablyFailed", totals[OperationStatus.NOT_RETRIABLY_FAILED.code()])
                .data("rejected", totals[OperationStatus.REJECTED.code()]);
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
