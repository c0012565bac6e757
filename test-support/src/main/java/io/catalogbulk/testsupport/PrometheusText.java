package io.catalogbulk.testsupport;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Reads one sample out of a {@code /q/metrics} page (Prometheus text format), so tests can assert that a
 * metric is exported under the name dashboards and alerts use, with the labels they filter on.
 */
public final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The value of the first sample named {@code name} whose label set contains every {@code label="value"}
     * given (as "label", "value" pairs); empty if there is none.
     */
    public static OptionalDouble value(String page, String name, String... labels) {
        for (String line : page.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            int end = line.lastIndexOf(' ');
            String series = line.substring(0, end);
            boolean matches = true;
            for (int i = 0; i + 1 < labels.length; i += 2) {
                matches &= series.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (matches) {
                String value = line.substring(end + 1).trim();
                return OptionalDouble.of(value.equals("NaN") ? Double.NaN : Double.parseDouble(value));
            }
        }
        return OptionalDouble.empty();
    }

    /** Like {@link #value} but fails with the metric's lines when the sample is missing. */
    public static double require(String page, String name, String... labels) {
        return value(page, name, labels).orElseThrow(() -> new AssertionError("No sample " + name + " "
                + Arrays.toString(labels) + " in /q/metrics; lines with that name: "
                + Arrays.stream(page.split("\n")).filter(l -> l.startsWith(name)).toList()));
    }
}
