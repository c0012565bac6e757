package io.catalogbulk.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import io.catalogbulk.testsupport.ServiceProcesses.ServiceProcess;
import io.catalogbulk.testsupport.TestEnvironment;

/**
 * The soak (bin/soak): the three packaged services under a steady mixed load ({@link SoakLoad#kinds()}) for a long
 * time, sampled every interval from outside (heap after a full GC, RSS, threads, connections to PostgreSQL and
 * RabbitMQ, queue depth). After the warm-up every series must be flat: the least-squares slope of each is printed
 * with the change it amounts to over the measured window. Writes soak.md, soak-samples.csv and soak.png to --out.
 * Options: --duration=30m --interval=30s --warm-up=5m --out=benchmarks/target/soak.
 */
public final class Soak {

    /** One sampling moment: seconds since the start, each process's sample, the queue depth, the load average. */
    record Moment(double seconds, List<SoakSample> services, long queueDepth, double loadAverage) {
    }

    /** The least-squares line through one series after the warm-up. */
    record Trend(String series, double mean, double slopePerHour, double changeOverWindow, double tStatistic) {
        /** Upward: the change over the window is more than 5% of the mean (or, for counts, at least 2) and significant. */
        boolean upward(boolean count) {
            double floor = count ? 2 : 0.05 * Math.abs(mean);
            return changeOverWindow > floor && tStatistic > 3;
        }
    }

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            options.put(pair[0], pair.length > 1 ? pair[1] : "true");
        }
        Duration duration = duration(options.getOrDefault("duration", "30m"));
        Duration interval = duration(options.getOrDefault("interval", "30s"));
        Duration warmUp = duration(options.getOrDefault("warm-up", "5m"));
        Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
        Path out = root.resolve(options.getOrDefault("out", "benchmarks/target/soak"));
        Files.createDirectories(out);

        List<Moment> moments = new ArrayList<>();
        List<SoakLoad> loads = SoakLoad.kinds();
        Instant started;
        try (BenchSystem system = BenchSystem.start(root)) {
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> threads = new ArrayList<>();
            for (SoakLoad load : loads) {
                Thread thread = new Thread(() -> drive(system, load, running), "soak-" + load.name());
                thread.start();
                threads.add(thread);
            }
            started = Instant.now();
            Instant end = started.plus(duration);
            Path csv = out.resolve("soak-samples.csv");
            Files.writeString(csv, "seconds,service,heap_after_gc_mb,rss_mb,threads,db_connections,broker_connections,queue_depth,load_average\n");
            int databasePort = Integer.parseInt(TestEnvironment.PG_PORT);
            while (true) {
                double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
                List<SoakSample> samples = new ArrayList<>();
                for (ServiceProcess process : system.processes()) {
                    samples.add(SoakSample.of(process, databasePort, TestEnvironment.RABBIT_PORT));
                }
                Moment moment = new Moment(seconds, samples, queueDepth(system), loadAverage());
                moments.add(moment);
                StringBuilder rows = new StringBuilder();
                for (SoakSample s : samples) {
                    rows.append(String.format(Locale.ROOT, "%.0f,%s,%.1f,%.1f,%d,%d,%d,%d,%.2f%n", seconds, s.service(), s.heapAfterGcMb(),
                            s.rssMb(), s.threads(), s.databaseConnections(), s.brokerConnections(), moment.queueDepth(), moment.loadAverage()));
                }
                Files.writeString(csv, rows, java.nio.file.StandardOpenOption.APPEND);
                System.out.printf(Locale.ROOT, "[soak] %5.0f s  queue %d  load %.2f  %s  loads %s%n", seconds, moment.queueDepth(),
                        moment.loadAverage(), samples, summary(loads));
                if (!Instant.now().plus(interval).isBefore(end.plusSeconds(1))) {
                    break;
                }
                Thread.sleep(Math.max(0, Duration.between(Instant.now(), started.plus(interval.multipliedBy(moments.size()))).toMillis()));
            }
            running.set(false);
            for (Thread thread : threads) {
                thread.join(60_000);
            }
        }
        List<Trend> trends = trends(moments, warmUp.toSeconds());
        String report = report(moments, trends, loads, duration, interval, warmUp);
        Files.writeString(out.resolve("soak.md"), report);
        chart(moments, out.resolve("soak.png"));
        System.out.println(report);
        System.out.println("[soak] written: " + out.resolve("soak.md") + ", " + out.resolve("soak-samples.csv") + ", " + out.resolve("soak.png"));
    }

    /** Runs one load at its pace until the soak ends; a failed call is counted and the load goes on. */
    private static void drive(BenchSystem system, SoakLoad load, AtomicBoolean running) {
        long sequence = 0;
        long next = System.nanoTime();
        while (running.get()) {
            try {
                load.requests.incrementAndGet();
                load.once(system, sequence++);
            } catch (Exception e) {
                if (load.errors.incrementAndGet() <= 5) {
                    System.out.println("[soak] " + load.name() + " failed: " + e.getMessage());
                }
            }
            next += load.pace().toNanos();
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                next = System.nanoTime(); // behind schedule: go on at the pace, never in a burst
            }
        }
    }

    private static String summary(List<SoakLoad> loads) {
        StringBuilder out = new StringBuilder();
        for (SoakLoad load : loads) {
            out.append(load.name()).append(' ').append(load.requests.get()).append(load.errors.get() > 0 ? " (" + load.errors.get() + " errors)" : "")
                    .append("; ");
        }
        return out.toString();
    }

    private static long queueDepth(BenchSystem system) {
        try (var connection = TestEnvironment.brokerConnection("soak queue depth"); var channel = connection.createChannel()) {
            return channel.queueDeclarePassive(system.queue()).getMessageCount();
        } catch (Exception e) {
            return -1;
        }
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    // --- analysis -------------------------------------------------------------------------------------------------

    private static final Map<String, ToDoubleFunction<SoakSample>> METRICS = new LinkedHashMap<>();

    static {
        METRICS.put("heap after GC (MB)", SoakSample::heapAfterGcMb);
        METRICS.put("RSS (MB)", SoakSample::rssMb);
        METRICS.put("threads", SoakSample::threads);
        METRICS.put("PostgreSQL connections", SoakSample::databaseConnections);
        METRICS.put("RabbitMQ connections", SoakSample::brokerConnections);
    }

    static List<Trend> trends(List<Moment> moments, long warmUpSeconds) {
        Map<String, List<double[]>> series = new TreeMap<>();
        for (Moment moment : moments) {
            if (moment.seconds() < warmUpSeconds) {
                continue;
            }
            for (SoakSample sample : moment.services()) {
                METRICS.forEach((metric, value) -> series.computeIfAbsent(sample.service() + " " + metric, k -> new ArrayList<>())
                        .add(new double[] {moment.seconds(), value.applyAsDouble(sample)}));
            }
            series.computeIfAbsent("queue depth", k -> new ArrayList<>()).add(new double[] {moment.seconds(), moment.queueDepth()});
        }
        List<Trend> trends = new ArrayList<>();
        series.forEach((name, points) -> trends.add(trend(name, points)));
        return trends;
    }

    /** Ordinary least squares of value over time; the t statistic of the slope says whether it stands out of the noise. */
    static Trend trend(String name, List<double[]> points) {
        int n = points.size();
        double meanX = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double meanY = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double sxx = 0;
        double sxy = 0;
        for (double[] p : points) {
            sxx += (p[0] - meanX) * (p[0] - meanX);
            sxy += (p[0] - meanX) * (p[1] - meanY);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        double residuals = 0;
        for (double[] p : points) {
            double predicted = meanY + slope * (p[0] - meanX);
            residuals += (p[1] - predicted) * (p[1] - predicted);
        }
        double standardError = n > 2 && sxx > 0 ? Math.sqrt(residuals / (n - 2) / sxx) : 0;
        double t = standardError == 0 ? (slope == 0 ? 0 : Double.POSITIVE_INFINITY * Math.signum(slope)) : slope / standardError;
        double window = n == 0 ? 0 : points.get(n - 1)[0] - points.get(0)[0];
        return new Trend(name, meanY, slope * 3600, slope * window, t);
    }

    static String report(List<Moment> moments, List<Trend> trends, List<SoakLoad> loads, Duration duration, Duration interval,
            Duration warmUp) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Soak: %d min, a sample every %d s (%d samples), trends after a %d min warm-up.%n%n",
                duration.toMinutes(), interval.toSeconds(), moments.size(), warmUp.toMinutes()));
        out.append("| load | requests | operations | errors |\n|---|---:|---:|---:|\n");
        for (SoakLoad load : loads) {
            out.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d |%n", load.name(), load.requests.get(), load.operations.get(),
                    load.errors.get()));
        }
        double meanLoad = moments.stream().mapToDouble(Moment::loadAverage).average().orElse(-1);
        out.append(String.format(Locale.ROOT, "%nMachine load average during the run: mean %.2f, max %.2f.%n%n", meanLoad,
                moments.stream().mapToDouble(Moment::loadAverage).max().orElse(-1)));
        out.append("| series | mean | slope per hour | change over the window | t | trend |\n|---|---:|---:|---:|---:|---|\n");
        for (Trend trend : trends) {
            boolean count = !trend.series().contains("MB");
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %+.2f | %+.2f | %.1f | %s |%n", trend.series(), trend.mean(),
                    trend.slopePerHour(), trend.changeOverWindow(), trend.tStatistic(), trend.upward(count) ? "**upward**" : "flat"));
        }
        long upward = trends.stream().filter(t -> t.upward(!t.series().contains("MB"))).count();
        out.append(String.format(Locale.ROOT, "%n%s%n", upward == 0 ? "No upward trend in any series after the warm-up."
                : upward + " series trend upward after the warm-up."));
        return out.toString();
    }

    private static void chart(List<Moment> moments, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("minutes"));
        Map<String, XYSeriesCollection> panels = new LinkedHashMap<>();
        METRICS.keySet().forEach(metric -> panels.put(metric, new XYSeriesCollection()));
        panels.put("queue depth", new XYSeriesCollection());
        Map<String, XYSeries> lines = new LinkedHashMap<>();
        for (Moment moment : moments) {
            double minutes = moment.seconds() / 60;
            for (SoakSample sample : moment.services()) {
                METRICS.forEach((metric, value) -> lines.computeIfAbsent(metric + "|" + sample.service(), k -> {
                    XYSeries line = new XYSeries(sample.service());
                    panels.get(metric).addSeries(line);
                    return line;
                }).add(minutes, value.applyAsDouble(sample)));
            }
            lines.computeIfAbsent("queue depth|queue", k -> {
                XYSeries line = new XYSeries("operations queue (messages)");
                panels.get("queue depth").addSeries(line);
                return line;
            }).add(minutes, moment.queueDepth());
        }
        // One colour per service in every panel, one legend for all.
        Color[] colours = {new Color(0xD62728), new Color(0x1F77B4), new Color(0x2CA02C), new Color(0x9467BD), new Color(0xFF7F0E)};
        boolean first = true;
        for (Map.Entry<String, XYSeriesCollection> panel : panels.entrySet()) {
            XYSeriesCollection dataset = panel.getValue();
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
            for (int i = 0; i < dataset.getSeriesCount(); i++) {
                renderer.setSeriesStroke(i, new BasicStroke(1.5f));
                renderer.setSeriesPaint(i, colours[i % colours.length]);
                renderer.setSeriesVisibleInLegend(i, first || panel.getKey().equals("queue depth"));
            }
            first = false;
            NumberAxis axis = new NumberAxis(panel.getKey());
            axis.setAutoRangeIncludesZero(true);
            axis.setAutoRangeMinimumSize(2);
            plot.add(new XYPlot(dataset, null, axis, renderer));
        }
        JFreeChart chart = new JFreeChart("Soak: services under steady mixed load", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1000, 1400);
    }

    static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        long number = Long.parseLong(value.replaceAll("[a-z]+$", ""));
        return switch (value.replaceAll("^[0-9]+", "")) {
            case "h" -> Duration.ofHours(number);
            case "m" -> Duration.ofMinutes(number);
            case "s", "" -> Duration.ofSeconds(number);
            default -> throw new IllegalArgumentException("A duration like 30m, 45s or 1h: " + text);
        };
    }
}
