package io.catalogbulk.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/** benchmark.png: total time of sync, async and bulk per N, on a logarithmic axis. */
final class Charts {

    private Charts() {
    }

    static void write(Results results, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (Results.ModeRow row : results.modes) {
            String category = String.format(Locale.ROOT, "N = %,d", row.size());
            dataset.addValue(row.syncMs(), "sync", category);
            dataset.addValue(row.asyncMs(), "async", category);
            dataset.addValue(row.bulkMs(), "bulk", category);
        }
        JFreeChart chart = ChartFactory.createBarChart("Total time until every product is saved (lower is better)",
                "products", "milliseconds (log scale)", dataset, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        LogarithmicAxis axis = new LogarithmicAxis("milliseconds (log scale)");
        axis.setAllowNegativesFlag(false);
        axis.setStrictValuesFlag(false);
        plot.setRangeAxis(axis);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 500);
    }
}
