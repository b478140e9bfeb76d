package io.github.meanshift.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.common.Columns;
import io.github.meanshift.io.InputData;
import io.github.meanshift.io.OutputDir;
import io.github.meanshift.report.PlotSample;
import io.github.meanshift.report.Projection;
import io.github.meanshift.report.ResultFiles;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code compare}: clusters the same input with mean shift and with MLlib KMeans and writes one
 * report with a section for each, labels with both predictions, each method's centres, and
 * comparison.png with the two clusterings side by side. {@code --k} defaults to the number of
 * mean-shift clusters. The k-means options that share a name with a mean-shift option carry a
 * {@code kmeans-} prefix.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = "Cluster the input with mean shift and with k-means; report both side by side.")
final class CompareCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(CompareCommand.class);

  @Mixin InputOptions input;
  @Mixin OutputOptions output;
  @Mixin SparkOptions sparkOptions;
  @Mixin MeanShiftOptions meanShift;

  @Option(
      names = "--weight-col",
      paramLabel = "NAME",
      description = "Optional non-negative sample weights (both methods).")
  String weightCol;

  @Option(
      names = "--k",
      paramLabel = "K",
      description = "Clusters for k-means; default: as many as mean shift found.")
  Integer k;

  @Option(
      names = "--init",
      paramLabel = "k-means|||random",
      defaultValue = "k-means||",
      description = "k-means initialisation (default: ${DEFAULT-VALUE}).")
  String init;

  @Option(
      names = "--kmeans-max-iter",
      paramLabel = "N",
      defaultValue = "20",
      description = "Most k-means iterations (default: ${DEFAULT-VALUE}).")
  int kmeansMaxIter;

  @Option(
      names = "--kmeans-tol",
      paramLabel = "T",
      defaultValue = "1e-4",
      description = "k-means tolerance (default: ${DEFAULT-VALUE}).")
  double kmeansTol;

  @Option(
      names = "--kmeans-engine",
      paramLabel = "mllib|columnar|minibatch",
      defaultValue = "mllib",
      description = "k-means engine (default: ${DEFAULT-VALUE}).")
  String kmeansEngine;

  @Option(
      names = "--kmeans-seed",
      paramLabel = "N",
      defaultValue = KMeansOptions.MLLIB_DEFAULT_SEED,
      description = "k-means random seed (default: ${DEFAULT-VALUE}, MLlib's).")
  long kmeansSeed;

  private KMeansOptions kmeansOptions() {
    KMeansOptions o = new KMeansOptions();
    o.k = k;
    o.init = init;
    o.maxIter = kmeansMaxIter;
    o.tol = kmeansTol;
    o.seed = kmeansSeed;
    o.engine = kmeansEngine;
    o.batchFraction = 0.1;
    return o;
  }

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    String format = output.format();
    meanShift.validate();
    KMeansOptions kmeans = kmeansOptions();
    kmeans.validate(false);
    try (Sessions.Handle session = Sessions.start("compare", sparkOptions);
        OutputDir dir = output.open(session.spark)) {
      SparkSession spark = session.spark;
      InputData data = InputData.read(spark, input.spec(weightCol));
      Fitted ms = meanShift.fit(spark, data, dir.work().toString());
      ms.predictions = ms.predictions.withColumnRenamed(ms.predictionCol, "meanshift");
      ms.predictionCol = "meanshift";
      int clusters = k != null ? k : ms.centers.length;
      LOG.info("mean shift found {} clusters; k-means with k = {}", ms.centers.length, clusters);
      Fitted km = kmeans.fit(ms.predictions, data, clusters, "kmeans", dir.work().toString());
      ms.predictions = km.predictions;
      ResultFiles.writeTable(
          dir,
          "labels",
          km.predictions.select(
              Columns.named(data.idCol()),
              Columns.named("meanshift").cast("int"),
              Columns.named("kmeans").cast("int")),
          format);
      ResultFiles.writeCenters(dir, "centers-meanshift.csv", data.features(), ms.centers, ms.sizes);
      ResultFiles.writeCenters(dir, "centers-kmeans.csv", data.features(), km.centers, km.sizes);
      long n = Arrays.stream(ms.sizes).sum() + ms.orphans;
      ObjectNode report = Reports.header("compare", data, output.output, n);
      ObjectNode msMetrics = Reports.metrics(data, ms);
      ObjectNode kmMetrics = Reports.metrics(data, km);
      Reports.putClustering(report.putObject("meanshift"), ms, msMetrics);
      Reports.putClustering(report.putObject("kmeans"), km, kmMetrics);
      writePicture(dir, data, ms, km, n, msMetrics, kmMetrics);
      Reports.write(report, dir, spark, sparkOptions, start, "both", ms, km);
      dir.commit();
      LOG.info(
          "mean shift {} clusters, k-means {}; results in {} (labels/, centers-*.csv,"
              + " report.json, comparison.png)",
          ms.centers.length,
          km.centers.length,
          dir.target());
      return 0;
    }
  }

  private static void writePicture(
      OutputDir dir,
      InputData data,
      Fitted ms,
      Fitted km,
      long n,
      ObjectNode msMetrics,
      ObjectNode kmMetrics)
      throws java.io.IOException {
    PlotSample sample =
        PlotSample.collect(km.predictions, data.features(), n, 7L, "meanshift", "kmeans");
    Projection p = Projection.fit(sample.points());
    ClusterPlots.write(
        dir,
        "comparison.png",
        List.of(
            ClusterPlots.panel("mean shift", data, ms, sample, 0, p, n, msMetrics),
            ClusterPlots.panel("k-means", data, km, sample, 1, p, n, kmMetrics)));
  }
}
