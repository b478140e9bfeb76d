package io.github.meanshift.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.io.InputData;
import io.github.meanshift.io.OutputDir;
import io.github.meanshift.report.ClusterPlot;
import io.github.meanshift.report.Panel;
import io.github.meanshift.report.PlotSample;
import io.github.meanshift.report.Projection;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The pictures of a clustering run, written into its output directory. */
final class ClusterPlots {
  private ClusterPlots() {}

  /** {@code clusters.png}: a sample of the points coloured by cluster, centres marked. */
  static void writeClusters(
      OutputDir dir, InputData data, Fitted f, String command, ObjectNode metrics)
      throws IOException {
    long n = Arrays.stream(f.sizes).sum() + f.orphans;
    PlotSample sample = PlotSample.collect(f.predictions, data.features(), n, 7L, f.predictionCol);
    Projection projection = Projection.fit(sample.points());
    write(dir, "clusters.png", List.of(panel(command, data, f, sample, 0, projection, n, metrics)));
  }

  /** One panel: the sample coloured by its {@code l}-th label column, with the metrics known. */
  static Panel panel(
      String title,
      InputData data,
      Fitted f,
      PlotSample sample,
      int l,
      Projection p,
      long n,
      ObjectNode metrics) {
    StringBuilder scores = new StringBuilder();
    metrics
        .fields()
        .forEachRemaining(
            e ->
                scores.append(
                    String.format(
                        Locale.ROOT,
                        ", %s %.3f",
                        e.getKey().toUpperCase(Locale.ROOT),
                        e.getValue().asDouble())));
    String subtitle =
        String.format(
            Locale.ROOT,
            "%d clusters, %d points%s%s%s",
            f.centers.length,
            n,
            sample.points().length < n ? " (" + sample.points().length + " drawn)" : "",
            f.orphans > 0 ? ", " + f.orphans + " orphans (grey)" : "",
            scores);
    return Panel.of(
            title + " — " + data.path(),
            p.xLabel(data.features()),
            p.yLabel(data.features()),
            p.apply(sample.points()),
            sample.labels(l))
        .withCenters(p.apply(f.centers))
        .withSubtitle(subtitle);
  }

  /** Renders panels side by side into {@code name} in the result directory. */
  static void write(OutputDir dir, String name, List<Panel> panels) throws IOException {
    java.nio.file.Path tmp = Files.createTempFile("meanshift-plot", ".png");
    try {
      if (panels.size() == 1) {
        ClusterPlot.write(tmp, panels.get(0));
      } else {
        ClusterPlot.writeSideBySide(tmp, panels);
      }
      dir.fileSystem()
          .copyFromLocalFile(new org.apache.hadoop.fs.Path(tmp.toUri()), dir.result(name));
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
