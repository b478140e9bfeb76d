package io.github.meanshift.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.io.Columns;
import io.github.meanshift.io.InputData;
import io.github.meanshift.io.OutputDir;
import io.github.meanshift.io.ResultFiles;
import io.github.meanshift.ml.ClusteringMetrics;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.apache.spark.ml.evaluation.ClusteringEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
  abstract Fitted fit(SparkSession spark, InputData data, String workDir);

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    output.format();
    validateOptions();
    try (Sessions.Handle session = Sessions.start(commandName(), sparkOptions);
        OutputDir dir =
            OutputDir.create(
                output.output,
                output.overwrite,
                session.spark.sparkContext().hadoopConfiguration())) {
      SparkSession spark = session.spark;
      InputData data = InputData.read(spark, input.spec(weightCol));
      LOG.info("input {}: features {}", data.path(), Arrays.toString(data.features()));
      Fitted fitted = fit(spark, data, dir.work().toString());
      ResultFiles.writeLabels(
          dir, fitted.predictions, data.idCol(), fitted.predictionCol, output.format());
      ResultFiles.writeCenters(dir, data.features(), fitted.centers, fitted.sizes);
      ObjectNode metrics = metrics(data, fitted);
      ClusterPlots.writeClusters(dir, data, fitted, commandName());
      if (saveModel != null) {
        fitted.model.write().overwrite().save(saveModel);
      }
      ObjectNode report = report(spark, data, fitted, metrics);
      report.with("seconds").put("total", (System.nanoTime() - start) / 1e9);
      ResultFiles.writeReport(dir, report);
      dir.commit();
      LOG.info(
          "{} clusters; results in {} (labels/, centers.csv, report.json, clusters.png)",
          fitted.centers.length,
          dir.target());
      return 0;
    }
  }

  private ObjectNode report(SparkSession spark, InputData data, Fitted f, ObjectNode metrics) {
    ObjectNode r = ResultFiles.newObject();
    r.put("command", commandName());
    r.put("input", data.path());
    r.put("output", output.output);
    long n = Arrays.stream(f.sizes).sum() + f.orphans;
    r.put("n_points", n);
    r.put("n_features", data.features().length);
    ArrayNode feats = r.putArray("features");
    Arrays.stream(data.features()).forEach(feats::add);
    r.put("id_col", data.idCol());
    if (data.labelCol() != null) {
      r.put("label_col", data.labelCol());
    }
    if (data.weightCol() != null) {
      r.put("weight_col", data.weightCol());
    }
    r.set("parameters", f.parameters);
    r.put("n_clusters", f.centers.length);
    r.put("n_iter", f.numIter);
    r.put("converged", f.converged);
    ArrayNode centers = r.putArray("centers");
    for (double[] c : f.centers) {
      ArrayNode row = centers.addArray();
      Arrays.stream(c).forEach(row::add);
    }
    ArrayNode sizes = r.putArray("cluster_sizes");
    Arrays.stream(f.sizes).forEach(sizes::add);
    r.put("orphans", f.orphans);
    ObjectNode seconds = r.putObject("seconds");
    seconds.put("fit", f.fitSeconds);
    ArrayNode per = seconds.putArray("per_iteration");
    f.iterations.forEach(it -> per.add(it.get("seconds").asDouble()));
    seconds.set("phases", f.phases);
    ArrayNode its = r.putArray("iterations");
    f.iterations.forEach(its::add);
    r.set("metrics", metrics);
    ObjectNode sp = r.putObject("spark");
    sp.put("version", spark.version());
    sp.put("master", spark.sparkContext().master());
    sp.put("gpu", sparkOptions.gpu);
    sp.put("app_id", spark.sparkContext().applicationId());
    sp.put("default_parallelism", spark.sparkContext().defaultParallelism());
    return r;
  }

  /** ARI and NMI against the label column when given; silhouette when there are 2+ clusters. */
  private ObjectNode metrics(InputData data, Fitted f) {
    ObjectNode m = ResultFiles.newObject();
    if (data.labelCol() != null) {
      ClusteringMetrics cm =
          ClusteringMetrics.of(
              f.predictions, Columns.named(data.labelCol()), Columns.named(f.predictionCol));
      m.put("ari", cm.ari());
      m.put("nmi", cm.nmi());
    }
    if (f.centers.length >= 2) {
      Dataset<Row> clustered = f.predictions.where(Columns.named(f.predictionCol).geq(0));
      Dataset<Row> vectors =
          new VectorAssembler()
              .setInputCols(data.features())
              .setOutputCol("_ms_features")
              .transform(clustered);
      double silhouette =
          new ClusteringEvaluator()
              .setFeaturesCol("_ms_features")
              .setPredictionCol(f.predictionCol)
              .evaluate(vectors);
      m.put("silhouette", silhouette);
    }
    return m;
  }
}
