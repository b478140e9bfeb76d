package io.github.meanshift.report;

import io.github.meanshift.common.Clustering;
import io.github.meanshift.io.InputData;
import io.github.meanshift.io.OutputDir;
import io.github.meanshift.ml.Evaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

/** The pictures of a clustering run, written into its output directory. */
public final class ClusterPlots {
  private ClusterPlots() {}

  /** {@code clusters.png}: a sample of the points coloured by cluster, centres marked. */
  public static void writeClusters(
      OutputDir dir, InputData data, Clustering c, String command, Evaluation metrics)
      throws IOException {
    PlotSample sample =
        PlotSample.collect(c.predictions(), data.features(), c.points(), 7L, c.predictionCol());
    Projection projection = Projection.fit(sample.points());
    write(dir, "clusters.png", List.of(panel(command, data, c, sample, 0, projection, metrics)));
  }

  /** One panel: the sample coloured by its {@code l}-th label column, with the metrics known. */
  public static Panel panel(
      String title,
      InputData data,
      Clustering c,
      PlotSample sample,
      int l,
      Projection p,
      Evaluation metrics) {
    StringBuilder scores = new StringBuilder();
    score(scores, "ARI", metrics.ari());
    score(scores, "NMI", metrics.nmi());
    score(scores, "SILHOUETTE", metrics.silhouette());
    long n = c.points();
    String subtitle =
        String.format(
            Locale.ROOT,
            "%d clusters, %d points%s%s%s",
            c.count(),
            n,
            sample.points().length < n ? " (" + sample.points().length + " drawn)" : "",
            c.orphans() > 0 ? ", " + c.orphans() + " orphans (grey)" : "",
            scores);
    return Panel.of(
            title + " — " + data.path(),
            p.xLabel(data.features()),
            p.yLabel(data.features()),
            p.apply(sample.points()),
            sample.labels(l))
        .withCenters(p.apply(c.centers()))
        .withSubtitle(subtitle);
  }

  private static void score(StringBuilder out, String name, Double value) {
    if (value != null) {
      out.append(String.format(Locale.ROOT, ", %s %.3f", name, value));
    }
  }

  /** Renders panels side by side into {@code name} in the result directory. */
  public static void write(OutputDir dir, String name, List<Panel> panels) throws IOException {
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
