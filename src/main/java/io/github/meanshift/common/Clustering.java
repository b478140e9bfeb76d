package io.github.meanshift.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The result of one clustering run (mean shift or k-means), as the command line writes it out: the
 * input rows with the prediction column, the centres and sizes, how the fit ran, and the fitted
 * model. Immutable: report.json, centers.csv, labels/ and the pictures are written from it, and a
 * change (compare renames the prediction column) makes a new one.
 *
 * @param method "meanshift" or "kmeans"
 * @param predictionCol name of the prediction column in {@code predictions}
 * @param predictions the input rows with the prediction column
 * @param parameters the parameters as used (bandwidth after estimation, resolved choices), in
 *     report order
 * @param iterations one entry per iteration, in report order
 * @param phases seconds per phase of the fit
 * @param details method-specific results for the report (e.g. k-means' training cost)
 * @param gpuPlans the SQL plans of the hot paths, for --explain-gpu (built only when asked for);
 *     given a scratch directory
 * @param noGpuPlans why the method has no GPU plans, or null
 */
public record Clustering(
    String method,
    String predictionCol,
    Dataset<Row> predictions,
    double[][] centers,
    long[] sizes,
    long orphans,
    int numIter,
    boolean converged,
    double fitSeconds,
    Map<String, Object> parameters,
    List<Map<String, Object>> iterations,
    Map<String, Double> phases,
    Map<String, Object> details,
    MLWritable model,
    java.util.function.Function<String, Map<String, Dataset<?>>> gpuPlans,
    String noGpuPlans) {

  /** Why MLlib's KMeans has no GPU plans. */
  public static final String MLLIB_NO_GPU_PLANS =
      "MLlib KMeans runs on RDDs of vectors, not SQL plans: it stays on the CPU";

  public Clustering {
    parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    iterations = List.copyOf(iterations);
    phases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** The same result with other predictions (say, the column renamed, or other columns added). */
  public Clustering withPredictions(Dataset<Row> rows, String column) {
    return new Clustering(
        method,
        column,
        rows,
        centers,
        sizes,
        orphans,
        numIter,
        converged,
        fitSeconds,
        parameters,
        iterations,
        phases,
        details,
        model,
        gpuPlans,
        noGpuPlans);
  }

  /** Points clustered (orphans included). */
  public long points() {
    return java.util.Arrays.stream(sizes).sum() + orphans;
  }

  /** Number of clusters. */
  public int count() {
    return centers.length;
  }

  /** A map that keeps the order entries were put in, for parameters and details. */
  public static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** No GPU plans. */
  public static java.util.function.Function<String, Map<String, Dataset<?>>> noPlans() {
    return work -> Map.of();
  }

  /** Lazily built plans that need no scratch directory. */
  public static java.util.function.Function<String, Map<String, Dataset<?>>> plans(
      Supplier<Map<String, Dataset<?>>> plans) {
    return work -> plans.get();
  }
}
