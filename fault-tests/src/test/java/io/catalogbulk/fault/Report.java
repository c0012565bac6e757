package io.catalogbulk.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The suite's table: one row per scenario, printed and written to fault-tests/target/fault-report.md. */
final class Report {

    record Row(String scenario, long accepted, long completed, long failed, long lost, long executedTwice, Duration recovery,
            String notes) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> sections = new ArrayList<>();
    private final String profile;

    Report(String profile) {
        this.profile = profile;
    }

    synchronized void add(Row row) {
        rows.add(row);
        System.out.println("[fault] " + format(row));
    }

    /** A titled table of its own below the scenarios (the fuzzing answers by route family and code). */
    synchronized void addSection(String title, String markdown) {
        String section = title + ":\n\n" + markdown;
        sections.add(section);
        System.out.println("[fault] " + section);
    }

    synchronized String table() {
        StringBuilder out = new StringBuilder();
        out.append("Profile: ").append(profile).append("\n\n");
        out.append("| scenario | operations accepted | completed | failed | lost | executed twice | time to recover | notes |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Row row : rows) {
            out.append(format(row)).append('\n');
        }
        for (String section : sections) {
            out.append('\n').append(section);
        }
        return out.toString();
    }

    private static String format(Row row) {
        String recovery = row.recovery() == null ? "-" : String.format("%.1f s", row.recovery().toMillis() / 1000.0);
        return String.format("| %s | %,d | %,d | %,d | %,d | %,d | %s | %s |", row.scenario(), row.accepted(), row.completed(),
                row.failed(), row.lost(), row.executedTwice(), recovery, row.notes());
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, table());
        System.out.println("[fault] results\n" + table());
    }
}
