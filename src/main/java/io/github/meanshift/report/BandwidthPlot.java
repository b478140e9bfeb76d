package io.github.meanshift.report;

import io.github.meanshift.ml.MeanShiftModel;
import io.github.meanshift.shift.BandwidthSelection;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code bandwidth.png}: the bandwidth selector's scan, the number of clusters at each scanned h
 * (log scale), the scored plateaus' BIC on a second axis, and the chosen h marked.
 */
public final class BandwidthPlot {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private BandwidthPlot() {}

  /**
   * Writes {@code bandwidth.png} into {@code dir} when the model's bandwidth was selected by a scan
   * (it has candidates); otherwise nothing.
   */
  public static void writeIfScanned(io.github.meanshift.io.OutputDir dir, MeanShiftModel model)
      throws IOException {
    BandwidthSelection selection = model.summary().bandwidthSelection();
    if (selection.candidates().isEmpty()) {
      return;
    }
    Path tmp = java.nio.file.Files.createTempFile("meanshift-bandwidth", ".png");
    try {
      write(tmp, selection, "bandwidth selection");
      dir.fileSystem()
          .copyFromLocalFile(
              new org.apache.hadoop.fs.Path(tmp.toUri()), dir.result("bandwidth.png"));
    } finally {
      java.nio.file.Files.deleteIfExists(tmp);
    }
  }

  /** Writes the plot of {@code selection} (which has candidates) to {@code file}. */
  public static void write(Path file, BandwidthSelection selection, String title)
      throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(ClusterPlot.PANEL_WIDTH)
            .height(ClusterPlot.PANEL_HEIGHT * 2 / 3)
            .title(String.format(Locale.ROOT, "%s: h = %.4g", title, selection.bandwidth()))
            .xAxisTitle("bandwidth h (log scale)")
            .yAxisTitle("clusters holding >= 5% of the sample")
            .build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().putYAxisGroupDecimalPatternMap(0, "#");
    int colour = 0;
    List<Double> scoredH = new ArrayList<>();
    List<Double> bic = new ArrayList<>();
    for (String track : List.of("plain", "merged")) {
      List<Double> h = new ArrayList<>();
      List<Double> k = new ArrayList<>();
      for (BandwidthSelection.Candidate c : selection.candidates()) {
        if (!c.track().equals(track)) {
          continue;
        }
        h.add(c.h());
        k.add((double) c.clusters());
        if (!Double.isNaN(c.score())) {
          scoredH.add(c.h());
          bic.add(c.score());
        }
      }
      if (!h.isEmpty()) {
        XYSeries clusters =
            chart.addSeries(
                track.equals("plain") ? "clusters: modes" : "clusters: modes merged along ridges",
                h,
                k);
        clusters.setMarker(SeriesMarkers.CIRCLE);
        clusters.setLineColor(ClusterPlot.clusterColor(colour));
        clusters.setMarkerColor(ClusterPlot.clusterColor(colour++));
      }
    }
    if (!bic.isEmpty()) {
      XYSeries scores = chart.addSeries("BIC of a plateau's partition (right)", scoredH, bic);
      scores.setYAxisGroup(1);
      scores.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      scores.setMarker(SeriesMarkers.DIAMOND);
      scores.setMarkerColor(ClusterPlot.clusterColor(colour));
      chart.setYAxisGroupTitle(1, "BIC (lower is better)");
      chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
    }
    double chosenClusters = 1;
    double nearest = Double.POSITIVE_INFINITY;
    String chosenTrack = selection.merge() ? "merged" : "plain";
    for (BandwidthSelection.Candidate c : selection.candidates()) {
      double gap = Math.abs(Math.log(c.h() / selection.bandwidth()));
      if (c.track().equals(chosenTrack) && gap < nearest) {
        nearest = gap;
        chosenClusters = c.clusters();
      }
    }
    XYSeries chosen =
        chart.addSeries(
            String.format(
                Locale.ROOT,
                "chosen h = %.4g%s",
                selection.bandwidth(),
                selection.merge() ? ", modes merged" : ""),
            new double[] {selection.bandwidth()},
            new double[] {chosenClusters});
    chosen.setMarker(SeriesMarkers.CROSS);
    chosen.setMarkerColor(Color.BLACK);
    chosen.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
