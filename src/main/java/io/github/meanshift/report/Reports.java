package io.github.meanshift.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.common.Clustering;
import io.github.meanshift.io.InputData;
import io.github.meanshift.io.OutputDir;
import io.github.meanshift.ml.Evaluation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;

/**
 * report.json's parts, serialised from the results: the header (command, input, features), a
 * clustering's section, the GPU plan check, the Spark section and the timings. Nothing here
 * computes a result; every value comes from a {@link Clustering}, an {@link Evaluation} or the
 * session.
 */
public final class Reports {
  private Reports() {}

  /** command, input, output, n_points, n_features, features and the role columns. */
  public static ObjectNode header(String command, InputData data, String output, long points) {
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

  /**
   * Writes a clustering's fields (parameters, centres, sizes, timings, iterations, details,
   * metrics) into {@code r}.
   */
  public static void putClustering(ObjectNode r, Clustering c, Evaluation metrics) {
    r.set("parameters", ResultFiles.tree(c.parameters()));
    r.put("n_clusters", c.count());
    r.put("n_iter", c.numIter());
    r.put("converged", c.converged());
    ArrayNode centers = r.putArray("centers");
    for (double[] row : c.centers()) {
      ArrayNode a = centers.addArray();
      Arrays.stream(row).forEach(a::add);
    }
    ArrayNode sizes = r.putArray("cluster_sizes");
    Arrays.stream(c.sizes()).forEach(sizes::add);
    r.put("orphans", c.orphans());
    ObjectNode seconds = r.putObject("seconds");
    seconds.put("fit", c.fitSeconds());
    ArrayNode per = seconds.putArray("per_iteration");
    c.iterations().forEach(it -> per.add(((Number) it.get("seconds")).doubleValue()));
    seconds.set("phases", ResultFiles.tree(c.phases()));
    if (!c.iterations().isEmpty()) {
      r.set("iterations", ResultFiles.tree(c.iterations()));
    }
    r.setAll((ObjectNode) ResultFiles.tree(c.details()));
    r.set("metrics", metrics(metrics));
  }

  /** The metrics section: ari, nmi (with a label column), silhouette (null, with why, if none). */
  public static ObjectNode metrics(Evaluation e) {
    ObjectNode m = ResultFiles.newObject();
    if (e.ari() != null) {
      m.put("ari", e.ari());
      m.put("nmi", e.nmi());
    }
    if (e.silhouette() != null) {
      m.put("silhouette", e.silhouette());
    } else {
      m.putNull("silhouette");
      m.put("silhouette_note", e.silhouetteNote());
    }
    return m;
  }

  /**
   * Explains the clusterings' hot plans (built with {@code workDir} as scratch space), writes
   * gpu-plan.txt (each plan named after its clustering's prediction column when there are several)
   * and returns report.json's gpu_plan section.
   */
  public static ObjectNode gpuPlan(OutputDir dir, String workDir, Clustering... fits)
      throws IOException {
    Map<String, Dataset<?>> plans = new LinkedHashMap<>();
    List<String> without = new ArrayList<>();
    for (Clustering f : fits) {
      String name = fits.length > 1 ? f.predictionCol() + " " : "";
      f.gpuPlans().apply(workDir).forEach((k, v) -> plans.put(name + k, v));
      if (f.noGpuPlans() != null) {
        without.add(name + f.noGpuPlans());
      }
    }
    return gpuPlan(dir, plans, without);
  }

  /**
   * Explains {@code plans}, writes gpu-plan.txt and returns report.json's gpu_plan section, in
   * which each entry of {@code without} (a part of the run with no SQL plan, and why) counts as a
   * fallback.
   */
  public static ObjectNode gpuPlan(
      OutputDir dir, Map<String, Dataset<?>> plans, List<String> without) throws IOException {
    GpuPlanReport explained = GpuPlanReport.explain(plans);
    StringBuilder text = new StringBuilder(explained.text());
    without.forEach(w -> text.append("\n== ").append(w).append('\n'));
    try (OutputStream os = dir.create("gpu-plan.txt")) {
      os.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    ObjectNode g = ResultFiles.newObject();
    ArrayNode fallbacks = g.putArray("fallbacks");
    explained.fallbacks().forEach(fallbacks::add);
    without.forEach(fallbacks::add);
    ArrayNode checked = g.putArray("plans");
    plans.keySet().forEach(checked::add);
    return g;
  }

  /** spark: version, master, gpu, application id, default parallelism. */
  public static ObjectNode spark(SparkSession spark, boolean gpu) {
    ObjectNode sp = ResultFiles.newObject();
    sp.put("version", spark.version());
    sp.put("master", spark.sparkContext().master());
    sp.put("gpu", gpu);
    sp.put("app_id", spark.sparkContext().applicationId());
    sp.put("default_parallelism", spark.sparkContext().defaultParallelism());
    return sp;
  }

  /**
   * Completes a report (gpu_plan when given, spark, seconds.total since {@code start}) and writes
   * it as report.json.
   */
  public static void write(
      ObjectNode report,
      OutputDir dir,
      SparkSession spark,
      boolean gpu,
      ObjectNode gpuPlan,
      long start)
      throws IOException {
    if (gpuPlan != null) {
      report.set("gpu_plan", gpuPlan);
    }
    report.set("spark", spark(spark, gpu));
    report.with("seconds").put("total", (System.nanoTime() - start) / 1e9);
    ResultFiles.writeReport(dir, report);
  }
}
