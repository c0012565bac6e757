package io.catalogbulk.status.console;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.TemplateData;

import io.catalogbulk.core.operation.BulkStatus;
import io.catalogbulk.core.operation.OperationCounts;
import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.core.operation.UserType;
import io.catalogbulk.core.webapi.Json;

/**
 * What the console's templates show, already in words and numbers; Qute escapes every value it writes, so the
 * operation data (attacker-controlled) is always text.
 */
final class ConsoleViews {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private ConsoleViews() {
    }

    /** The signed-in operator, as the header shows them. */
    @TemplateData
    record Operator(String name, String kind, String csrf) {
    }

    /** A segment of a progress bar: its x and width in a 0..100 box, its status class and count. */
    @TemplateData
    record Segment(String css, String label, long count, double x, double width) {
    }

    /** A bulk's counts as words, a bar and its status. */
    @TemplateData
    record Progress(long open, long complete, long retriablyFailed, long notRetriablyFailed, long rejected, long total,
            String status, String statusCss, boolean finished, List<Segment> segments, String summary) {

        static Progress of(OperationCounts counts) {
            BulkStatus status = BulkStatus.of(counts);
            long total = counts.total();
            double x = 0;
            List<Segment> segments = new java.util.ArrayList<>();
            long[] values = {counts.complete(), counts.retriablyFailed(), counts.notRetriablyFailed(), counts.rejected(), counts.open()};
            String[] css = {"complete", "retriably-failed", "not-retriably-failed", "rejected", "open"};
            String[] labels = {"complete", "retriably failed", "not retriably failed", "rejected", "open"};
            StringBuilder summary = new StringBuilder();
            for (int i = 0; i < values.length; i++) {
                if (values[i] == 0) {
                    continue;
                }
                double width = total == 0 ? 0 : 100.0 * values[i] / total;
                segments.add(new Segment(css[i], labels[i], values[i], round(x), round(width)));
                x += width;
                if (summary.length() > 0) {
                    summary.append(", ");
                }
                summary.append(values[i]).append(' ').append(labels[i]);
            }
            return new Progress(counts.open(), counts.complete(), counts.retriablyFailed(), counts.notRetriablyFailed(),
                    counts.rejected(), total, statusName(status), status.name().toLowerCase().replace('_', '-'), status.finished(),
                    segments, summary.length() == 0 ? "no operations" : summary.toString());
        }

        private static double round(double value) {
            return Math.round(value * 100) / 100.0;
        }
    }

    static String statusName(BulkStatus status) {
        return switch (status) {
            case NOT_STARTED -> "Not started";
            case IN_PROGRESS -> "In progress";
            case FINISHED_SUCCESSFULLY -> "Finished successfully";
            case FINISHED_WITH_FAILURE -> "Finished with failures";
        };
    }

    static String operationStatusName(int code) {
        return switch (OperationStatus.of(code)) {
            case COMPLETE -> "complete";
            case RETRIABLY_FAILED -> "retriably failed";
            case NOT_RETRIABLY_FAILED -> "not retriably failed";
            case OPEN -> "open";
            case REJECTED -> "rejected";
        };
    }

    static String userKind(int userType) {
        return switch (userType) {
            case UserType.INTEGRATION -> "integration";
            case UserType.ADMIN -> "admin";
            case UserType.CUSTOMER -> "customer";
            default -> "guest";
        };
    }

    static String time(OffsetDateTime time) {
        return time == null ? "" : TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** JSON indented for reading; anything that is not JSON is shown as it is. */
    static String pretty(String json) {
        if (json == null) {
            return "";
        }
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    /** One row of the bulk actions log. */
    @TemplateData
    record BulkRow(String uuid, String description, String user, String startTime, int operationCount, Progress progress,
            boolean acknowledged) {
    }

    /** A group of failed operations sharing status, error code and message. */
    @TemplateData
    record FailureGroupView(String status, String errorCode, String message, long operations) {
    }

    /** One operation of a bulk's detail page. */
    @TemplateData
    record OperationView(int id, String topic, String status, String statusCss, String errorCode, String resultMessage,
            String request, String result) {
    }

    /** A page link. */
    @TemplateData
    record PageLink(String label, String href, boolean current) {
    }

    /** An option of a select, with whether it is chosen. */
    @TemplateData
    record Option(String value, String label, boolean selected) {
    }

    /** A bar of the overview's chart: one minute, its operations per status, as SVG rectangles. */
    @TemplateData
    record Bar(String minute, double x, double width, List<Segment> segments, String label) {
    }
}
