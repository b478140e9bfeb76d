package io.github.meanshift.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.common.Clustering;
import io.github.meanshift.common.Columns;
import io.github.meanshift.io.InputData;
import io.github.meanshift.io.OutputDir;
import io.github.meanshift.kmeans.KMeansEngine;
import io.github.meanshift.kmeans.KMeansRun;
import io.github.meanshift.kmeans.MiniBatchKMeans;
import io.github.meanshift.ml.Evaluation;
import io.github.meanshift.ml.MeanShiftModel;
import io.github.meanshift.report.BandwidthPlot;
import io.github.meanshift.report.ClusterPlots;
import io.github.meanshift.report.PlotSample;
import io.github.meanshift.report.Projection;
import io.github.meanshift.report.Reports;
import io.github.meanshift.report.ResultFiles;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code compare}: clusters the same input with mean shift and with MLlib KMeans and writes one
 * report with a section for each, labels with both predictions, each method's centres, and
 * comparison.png with the two clusterings side by side. {@code --k} defaults to the number of
 * mean-shift clusters. The k-means options that share a name with a mean-shift option carry a
 * {@code kmeans-} prefix; like the kmeans command's, they take their defaults and checks from
 * MLlib's KMeans params.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = "Cluster the input with mean shift and with k-means; report both side by side.")
final class CompareCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(CompareCommand.class);

  /** Prediction columns of the two methods in labels/ and the report. */
  static final String MEANSHIFT = "meanshift";

  static final String KMEANS = "kmeans";

  @Spec CommandSpec spec;
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
      descriptionKey = "kmeans.initMode",
      description = "k-means initialisation (default: ${DEFAULT-VALUE}).")
  String init;

  @Option(
      names = "--kmeans-max-iter",
      paramLabel = "N",
      descriptionKey = "kmeans.maxIter",
      description = "Most k-means iterations (default: ${DEFAULT-VALUE}).")
  int kmeansMaxIter;

  @Option(
      names = "--kmeans-tol",
      paramLabel = "T",
      descriptionKey = "kmeans.tol",
      description = "k-means tolerance (default: ${DEFAULT-VALUE}).")
  double kmeansTol;

  @Option(
      names = "--kmeans-engine",
      paramLabel = "NAME",
      defaultValue = "mllib",
      description = "k-means engine: mllib, columnar or minibatch (default: ${DEFAULT-VALUE}).")
  KMeansEngine kmeansEngine;

  @Option(
      names = "--kmeans-seed",
      paramLabel = "N",
      descriptionKey = "kmeans.seed",
      description = "k-means random seed (default: ${DEFAULT-VALUE}, MLlib's).")
  long kmeansSeed;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    String format = output.format();
    meanShift.validate();
    ParamOptions.check(spec);
    if (k != null) {
      KMeansArgs.checkK("--k", k, kmeansEngine);
    }
    KMeansRun kmeans =
        new KMeansRun(
            ParamOptions.apply(spec, "kmeans", new KMeans()),
            kmeansEngine,
            MiniBatchKMeans.DEFAULT_BATCH_FRACTION);
    try (Sessions.Handle session = Sessions.start("compare", sparkOptions);
        OutputDir dir = output.open(session.spark)) {
      SparkSession spark = session.spark;
      InputData data = InputData.read(spark, input.spec(weightCol));
      String work = dir.work().toString();
      Clustering fitted = meanShift.fit(spark, data, work);
      Clustering ms =
          PredictionTable.materialize(
              fitted.withPredictions(
                  fitted.predictions().withColumnRenamed(fitted.predictionCol(), MEANSHIFT),
                  MEANSHIFT),
              data,
              work,
              "predictions-meanshift");
      if (k == null && ms.count() < 2) {
        writeMeanShiftOnly(dir, spark, data, ms, format, work, start);
        return 0;
      }
      int clusters = k != null ? k : ms.count();
      LOG.info("mean shift found {} clusters; k-means with k = {}", ms.count(), clusters);
      Clustering km =
          PredictionTable.materialize(
              kmeans.fit(
                  ms.predictions(), data.features(), data.weightCol(), clusters, KMEANS, work),
              data,
              work,
              "predictions",
              MEANSHIFT);
      ms = ms.withPredictions(km.predictions(), MEANSHIFT);
      ResultFiles.writeTable(
          dir,
          "labels",
          km.predictions()
              .select(
                  Columns.named(data.idCol()),
                  Columns.named(MEANSHIFT).cast("int"),
                  Columns.named(KMEANS).cast("int")),
          format);
      ResultFiles.writeCenters(
          dir, "centers-meanshift.csv", data.features(), ms.centers(), ms.sizes());
      ResultFiles.writeCenters(
          dir, "centers-kmeans.csv", data.features(), km.centers(), km.sizes());
      ObjectNode report = Reports.header("compare", data, output.output, ms.points());
      Evaluation msMetrics = ClusteringCommand.evaluate(data, ms);
      Evaluation kmMetrics = ClusteringCommand.evaluate(data, km);
      Reports.putClustering(report.putObject(MEANSHIFT), ms, msMetrics);
      Reports.putClustering(report.putObject(KMEANS), km, kmMetrics);
      writePicture(dir, data, ms, km, msMetrics, kmMetrics);
      BandwidthPlot.writeIfScanned(dir, (MeanShiftModel) ms.model());
      Reports.write(
          report,
          dir,
          spark,
          sparkOptions.gpu,
          sparkOptions.explainGpu ? Reports.gpuPlan(dir, work, ms, km) : null,
          start);
      dir.commit();
      LOG.info(
          "mean shift {} clusters, k-means {}; results in {} (labels/, centers-*.csv,"
              + " report.json, comparison.png)",
          ms.count(),
          km.count(),
          dir.target());
      return 0;
    }
  }

  /**
   * When mean shift finds one cluster and no --k is given, k-means is not run: MLlib's KMeans needs
   * k > 1, and with k = 1 both would be the same single cluster. The outputs are mean shift's, the
   * kmeans column of labels/ is null, and report.json's kmeans section says why.
   */
  private void writeMeanShiftOnly(
      OutputDir dir,
      SparkSession spark,
      InputData data,
      Clustering ms,
      String format,
      String work,
      long start)
      throws java.io.IOException {
    String why =
        "mean shift found one cluster: k-means is not run (MLlib's KMeans needs k > 1); pass --k"
            + " to compare with k-means anyway";
    LOG.info("{}", why);
    ResultFiles.writeTable(
        dir,
        "labels",
        ms.predictions()
            .select(
                Columns.named(data.idCol()),
                Columns.named(MEANSHIFT).cast("int"),
                org.apache.spark.sql.functions.lit(null).cast("int").as(KMEANS)),
        format);
    ResultFiles.writeCenters(
        dir, "centers-meanshift.csv", data.features(), ms.centers(), ms.sizes());
    ObjectNode report = Reports.header("compare", data, output.output, ms.points());
    Evaluation msMetrics = ClusteringCommand.evaluate(data, ms);
    Reports.putClustering(report.putObject(MEANSHIFT), ms, msMetrics);
    report.putObject(KMEANS).put("skipped", why);
    PlotSample sample =
        PlotSample.collect(ms.predictions(), data.features(), ms.points(), 7L, MEANSHIFT);
    ClusterPlots.write(
        dir,
        "comparison.png",
        List.of(
            ClusterPlots.panel(
                "mean shift (k-means not run: one cluster)",
                data,
                ms,
                sample,
                0,
                Projection.fit(sample.points()),
                msMetrics)));
    BandwidthPlot.writeIfScanned(dir, (MeanShiftModel) ms.model());
    Reports.write(
        report,
        dir,
        spark,
        sparkOptions.gpu,
        sparkOptions.explainGpu ? Reports.gpuPlan(dir, work, ms) : null,
        start);
    dir.commit();
  }

  private static void writePicture(
      OutputDir dir,
      InputData data,
      Clustering ms,
      Clustering km,
      Evaluation msMetrics,
      Evaluation kmMetrics)
      throws java.io.IOException {
    PlotSample sample =
        PlotSample.collect(km.predictions(), data.features(), ms.points(), 7L, MEANSHIFT, KMEANS);
    Projection p = Projection.fit(sample.points());
    ClusterPlots.write(
        dir,
        "comparison.png",
        List.of(
            ClusterPlots.panel("mean shift", data, ms, sample, 0, p, msMetrics),
            ClusterPlots.panel("k-means", data, km, sample, 1, p, kmMetrics)));
  }
}
