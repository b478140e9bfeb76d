package io.github.meanshift.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.common.Columns;
import io.github.meanshift.io.InputData;
import io.github.meanshift.ml.ClusteringMetrics;
import io.github.meanshift.report.ResultFiles;
import java.util.Arrays;
import org.apache.spark.ml.evaluation.ClusteringEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The parts of report.json, shared by the clustering commands and compare. */
final class Reports {
  private Reports() {}

  /** command, input, output, n_points, n_features, features and the role columns. */
  static ObjectNode header(String command, InputData data, String output, long points) {
    ObjectNode r = ResultFiles.newObject();
    r.put("command", command);
    r.put("input", data.path());
    r.put("output", output);
    r.put("n_points", points);
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
    return r;
  }

  /** Writes a clustering's fields (parameters, centres, sizes, timings, metrics) into {@code r}. */
  static void putClustering(ObjectNode r, Fitted f, ObjectNode metrics) {
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
    if (!f.iterations.isEmpty()) {
      ArrayNode its = r.putArray("iterations");
      f.iterations.forEach(its::add);
    }
    r.setAll(f.details);
    r.set("metrics", metrics);
  }

  /**
   * With --explain-gpu: explains the fit's hot plans, writes gpu-plan.txt (prefixing each plan name
   * with {@code prefix}) and returns report.json's gpu_plan section; null otherwise.
   */
  static ObjectNode gpuPlan(
      SparkOptions options, io.github.meanshift.io.OutputDir dir, String prefix, Fitted... fits)
      throws java.io.IOException {
    if (!options.explainGpu) {
      return null;
    }
    java.util.Map<String, Dataset<?>> plans = new java.util.LinkedHashMap<>();
    java.util.List<String> without = new java.util.ArrayList<>();
    for (Fitted f : fits) {
      String name = prefix.isEmpty() ? "" : f.predictionCol + " ";
      f.gpuPlans.get().forEach((k, v) -> plans.put(name + k, v));
      if (f.noGpuPlans != null) {
        without.add(name + f.noGpuPlans);
      }
    }
    io.github.meanshift.report.GpuPlanReport explained =
        io.github.meanshift.report.GpuPlanReport.explain(plans);
    StringBuilder text = new StringBuilder(explained.text());
    without.forEach(w -> text.append("\n== ").append(w).append('\n'));
    try (java.io.OutputStream os = dir.create("gpu-plan.txt")) {
      os.write(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    ObjectNode g = ResultFiles.newObject();
    ArrayNode fallbacks = g.putArray("fallbacks");
    explained.fallbacks().forEach(fallbacks::add);
    without.forEach(fallbacks::add);
    ArrayNode checked = g.putArray("plans");
    plans.keySet().forEach(checked::add);
    return g;
  }

  /**
   * Completes a report (gpu_plan with --explain-gpu, spark, seconds.total since {@code start}) and
   * writes it as report.json.
   */
  static void write(
      ObjectNode report,
      io.github.meanshift.io.OutputDir dir,
      SparkSession spark,
      SparkOptions options,
      long start,
      String prefix,
      Fitted... fits)
      throws java.io.IOException {
    ObjectNode gpuPlan = gpuPlan(options, dir, prefix, fits);
    if (gpuPlan != null) {
      report.set("gpu_plan", gpuPlan);
    }
    report.set("spark", spark(spark, options.gpu));
    report.with("seconds").put("total", (System.nanoTime() - start) / 1e9);
    ResultFiles.writeReport(dir, report);
  }

  /** spark: version, master, gpu, application id. */
  static ObjectNode spark(SparkSession spark, boolean gpu) {
    ObjectNode sp = ResultFiles.newObject();
    sp.put("version", spark.version());
    sp.put("master", spark.sparkContext().master());
    sp.put("gpu", gpu);
    sp.put("app_id", spark.sparkContext().applicationId());
    sp.put("default_parallelism", spark.sparkContext().defaultParallelism());
    return sp;
  }

  /**
   * ARI and NMI against the label column when there is one; silhouette (Spark's
   * ClusteringEvaluator, squared Euclidean) over the non-orphan points when there are 2+ clusters.
   */
  static ObjectNode metrics(InputData data, Fitted f) {
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
              .setOutputCol("_ms_silhouette_features")
              .transform(clustered);
      m.put(
          "silhouette",
          new ClusteringEvaluator()
              .setFeaturesCol("_ms_silhouette_features")
              .setPredictionCol(f.predictionCol)
              .evaluate(vectors));
    }
    return m;
  }
}
