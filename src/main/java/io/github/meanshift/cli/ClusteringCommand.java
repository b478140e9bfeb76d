package io.github.meanshift.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.common.Clustering;
import io.github.meanshift.io.InputData;
import io.github.meanshift.io.OutputDir;
import io.github.meanshift.ml.Evaluation;
import io.github.meanshift.report.ClusterPlots;
import io.github.meanshift.report.Reports;
import io.github.meanshift.report.ResultFiles;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The shape every clustering command shares: check the options, start Spark, read the input, fit,
 * and write labels/, centers.csv, report.json and clusters.png into a staging directory that
 * becomes {@code --output} only when everything is written.
 */
abstract class ClusteringCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ClusteringCommand.class);

  @Mixin InputOptions input;
  @Mixin OutputOptions output;
  @Mixin SparkOptions sparkOptions;

  @Option(
      names = "--weight-col",
      paramLabel = "NAME",
      description = "Optional non-negative sample weights.")
  String weightCol;

  @Option(
      names = "--save-model",
      paramLabel = "DIR",
      description = "Also save the fitted model in Spark ML format.")
  String saveModel;

  /** Command name, as in the report. */
  abstract String commandName();

  /** Checks this command's own options before Spark starts; throws {@link UsageException}. */
  abstract void validateOptions();

  /** Fits on the input; {@code workDir} is scratch space deleted afterwards. */
  abstract Clustering fit(SparkSession spark, InputData data, String workDir);

  /** Pictures this command adds to clusters.png (none by default). */
  void writeMorePictures(OutputDir dir, Clustering c) throws java.io.IOException {}

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    String format = output.format();
    validateOptions();
    try (Sessions.Handle session = Sessions.start(commandName(), sparkOptions);
        OutputDir dir = output.open(session.spark);
        // --save-model is staged like the results and renamed into place right after them.
        OutputDir modelDir =
            saveModel == null
                ? null
                : OutputDir.create(saveModel, output.overwrite, hadoopConf(session))) {
      SparkSession spark = session.spark;
      InputData data = InputData.read(spark, input.spec(weightCol));
      LOG.info("input {}: features {}", data.path(), Arrays.toString(data.features()));
      String work = dir.work().toString();
      Clustering c = PredictionTable.materialize(fit(spark, data, work), data, work, "predictions");
      ResultFiles.writeLabels(dir, c.predictions(), data.idCol(), c.predictionCol(), format);
      ResultFiles.writeCenters(dir, data.features(), c.centers(), c.sizes());
      Evaluation metrics = evaluate(data, c);
      ClusterPlots.writeClusters(dir, data, c, commandName(), metrics);
      writeMorePictures(dir, c);
      if (modelDir != null) {
        c.model().write().overwrite().save(modelDir.result().toString());
      }
      ObjectNode report = Reports.header(commandName(), data, output.output, c.points());
      Reports.putClustering(report, c, metrics);
      Reports.write(
          report,
          dir,
          spark,
          sparkOptions.gpu,
          sparkOptions.explainGpu ? Reports.gpuPlan(dir, work, c) : null,
          start);
      dir.commit();
      if (modelDir != null) {
        modelDir.commit();
      }
      LOG.info(
          "{} clusters; results in {} (labels/, centers.csv, report.json, clusters.png)",
          c.count(),
          dir.target());
      return 0;
    }
  }

  /** The metrics of a clustering of {@code data}. */
  static Evaluation evaluate(InputData data, Clustering c) {
    int nonEmpty = (int) Arrays.stream(c.sizes()).filter(s -> s > 0).count();
    return Evaluation.of(
        c.predictions(), data.features(), data.labelCol(), c.predictionCol(), nonEmpty);
  }

  private static org.apache.hadoop.conf.Configuration hadoopConf(Sessions.Handle session) {
    return session.spark.sparkContext().hadoopConfiguration();
  }
}
