package io.github.meanshift.kmeans;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lloyd's k-means with every pass a Spark SQL plan on plain double columns, built from built-in
 * functions only (no UDF, RDD, vector column or cache), so that the RAPIDS Accelerator can run it
 * on the GPU.
 *
 * <pre>{@code
 * KMeansResult r = new ColumnarKMeans(df, "x", "y").setK(10).setSeed(1).fit();
 * df.withColumn("cluster", r.assignment("x", "y"));
 * }</pre>
 *
 * <p>Each iteration broadcasts the centres as one row of k·d double columns, cross-joined onto the
 * points (a row stays a row), labels every point with its nearest centre ({@code least} over the
 * squared distances, {@code CASE WHEN} for the index, the rule of {@link
 * io.github.meanshift.common.Labeler}), and computes the new centres as weighted means with one
 * {@code groupBy(cluster).agg(sum(w), sum(w·x_j)…, sum(w·d²))}: k rows come back to the driver (see
 * {@code ClusterSums}). A centre that received no points keeps its position. The fit stops after
 * {@code maxIter} iterations or when no centre moved more than {@code tol}, as MLlib's KMeans does;
 * initialisation is k-means|| (as MLlib) or random, also DataFrame operations. The centres are
 * columns rather than literals so that the generated code stays the same and Spark compiles it
 * once, not in every iteration; the expressions grow with k·d, so this is meant for k up to a few
 * hundred.
 *
 * <p>The input is read once when a checkpoint path is set (written there as Parquet, then scanned
 * by every pass); otherwise every pass recomputes it.
 */
public final class ColumnarKMeans extends KMeansBase<ColumnarKMeans> {
  private static final Logger LOG = LoggerFactory.getLogger(ColumnarKMeans.class);

  /** Default {@code maxIter}, as in MLlib. */
  public static final int DEFAULT_MAX_ITER = 20;

  /**
   * @param data the points, one row each
   * @param featureCols names of the numeric feature columns
   */
  public ColumnarKMeans(Dataset<Row> data, String... featureCols) {
    super(data, featureCols, DEFAULT_MAX_ITER);
  }

  /** Runs initialisation and Lloyd iterations. */
  public KMeansResult fit() {
    KMeansData points = preparedData();
    long initStart = System.nanoTime();
    double[][] centres = initialCentres(points);
    double initSeconds = (System.nanoTime() - initStart) / 1e9;
    LOG.info(
        "k-means: {} initial centres ({}) in {} s",
        centres.length,
        describeInit(),
        KMeansBase.seconds(initStart));
    int k = centres.length;
    int dim = points.dim();
    double[] seconds = new double[getMaxIter()];
    double cost = 0;
    boolean converged = false;
    int iter = 0;
    while (iter < getMaxIter() && !converged) {
      long start = System.nanoTime();
      ClusterSums sums = ClusterSums.collect(ClusterSums.plan(points, centres), k, dim);
      double[][] next = new double[k][];
      for (int c = 0; c < k; c++) {
        next[c] = sums.weight(c) > 0 ? sums.mean(c) : centres[c];
      }
      double move = largestMove(centres, next);
      cost = sums.cost();
      centres = next;
      converged = move <= getTol();
      seconds[iter] = (System.nanoTime() - start) / 1e9;
      iter++;
      LOG.info(
          "k-means iteration {}: cost {}, largest centre move {}, {} s",
          iter,
          fmt(cost),
          fmt(move),
          KMeansBase.seconds(start));
    }
    LOG.info(
        "k-means {} after {} iterations, cost {}",
        converged ? "converged" : "stopped at maxIter",
        iter,
        fmt(cost));
    return new KMeansResult(
        centres, cost, iter, converged, initSeconds, java.util.Arrays.copyOf(seconds, iter));
  }

  /**
   * The DataFrame plan of one Lloyd iteration from {@code centres}, not executed: rows of (cluster
   * int, Σw, Σw·x<sub>0</sub> … Σw·x<sub>d-1</sub>, Σw·d²), one per centre that received points. It
   * reads the input directly (no checkpoint is written). Meant for tests and for checking where
   * each operator runs (for example that the RAPIDS Accelerator places all of it on the GPU).
   *
   * @param centres the centres the iteration starts from, one value per feature each
   */
  public Dataset<Row> iterationPlan(double[][] centres) {
    checkCentres(centres, "centres");
    return ClusterSums.plan(lazyData(), centres);
  }
}
