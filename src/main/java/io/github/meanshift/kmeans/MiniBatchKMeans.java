package io.github.meanshift.kmeans;

import static org.apache.spark.sql.functions.rand;

import io.github.meanshift.common.BadInputException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mini-batch k-means (Sculley, "Web-scale k-means clustering", WWW 2010) with every step a Spark
 * SQL plan on plain double columns, built from built-in functions only, so that the RAPIDS
 * Accelerator can run it on the GPU.
 *
 * <p>Each step keeps a random batch of the points ({@code rand(seed_step) < batchFraction}, a
 * filter in the same plan), labels it with the nearest centre as {@link ColumnarKMeans} does, and
 * gets back k rows of batch sums. Centre c, whose batch points weigh b<sub>c</sub>, moves toward
 * their mean m<sub>c</sub> with the per-centre decaying rate η = b<sub>c</sub>/n<sub>c</sub>, where
 * n<sub>c</sub> accumulates the weight of all points assigned to c so far (this step included): c ←
 * c + η (m<sub>c</sub> − c). That is Sculley's per-point update applied to the whole batch at once,
 * so every centre is the running mean of all points ever assigned to it. The fit stops after {@code
 * maxIter} steps, or earlier when no centre moved more than {@code tol} in a step. The cost is then
 * measured on all points in one more pass.
 */
public final class MiniBatchKMeans extends KMeansBase<MiniBatchKMeans> {
  private static final Logger LOG = LoggerFactory.getLogger(MiniBatchKMeans.class);

  /** Default {@code maxIter} (steps). */
  public static final int DEFAULT_MAX_ITER = 100;

  /** Default batch fraction. */
  public static final double DEFAULT_BATCH_FRACTION = 0.1;

  /** Stream of seeds for the batches, apart from the initialisation's. */
  private static final long BATCH_STREAM = 0x6261746368L;

  private double batchFraction = DEFAULT_BATCH_FRACTION;

  /**
   * @param data the points, one row each
   * @param featureCols names of the numeric feature columns
   */
  public MiniBatchKMeans(Dataset<Row> data, String... featureCols) {
    super(data, featureCols, DEFAULT_MAX_ITER);
  }

  /** Expected fraction of the points in each batch, in (0, 1] (default 0.1). */
  public MiniBatchKMeans setBatchFraction(double batchFraction) {
    this.batchFraction = checkBatchFraction(batchFraction);
    return this;
  }

  /**
   * {@code batchFraction}, checked to lie in (0, 1].
   *
   * @throws BadInputException if it does not
   */
  public static double checkBatchFraction(double batchFraction) {
    if (!(batchFraction > 0 && batchFraction <= 1)) {
      throw new BadInputException("batchFraction must be in (0, 1], got " + batchFraction);
    }
    return batchFraction;
  }

  public double getBatchFraction() {
    return batchFraction;
  }

  /** Runs initialisation, the mini-batch steps, and a final pass for the cost. */
  public KMeansResult fit() {
    KMeansData points = preparedData();
    long initStart = System.nanoTime();
    double[][] centres = initialCentres(points);
    double initSeconds = (System.nanoTime() - initStart) / 1e9;
    LOG.info(
        "mini-batch k-means: {} initial centres ({}) in {} s, batch fraction {}",
        centres.length,
        describeInit(),
        KMeansBase.seconds(initStart),
        batchFraction);
    int k = centres.length;
    int dim = points.dim();
    double[] counts = new double[k];
    double[] seconds = new double[getMaxIter()];
    boolean converged = false;
    int step = 0;
    while (step < getMaxIter() && !converged) {
      long start = System.nanoTime();
      ClusterSums batch = ClusterSums.collect(plan(points, centres, step), k, dim);
      double[][] next = new double[k][];
      for (int c = 0; c < k; c++) {
        double b = batch.weight(c);
        if (b > 0) {
          counts[c] += b;
          double eta = b / counts[c];
          double[] m = batch.mean(c);
          next[c] = new double[dim];
          for (int j = 0; j < dim; j++) {
            next[c][j] = centres[c][j] + eta * (m[j] - centres[c][j]);
          }
        } else {
          next[c] = centres[c];
        }
      }
      double move = largestMove(centres, next);
      centres = next;
      double batchWeight = batch.totalWeight();
      converged = batchWeight > 0 && move <= getTol();
      seconds[step] = (System.nanoTime() - start) / 1e9;
      step++;
      LOG.info(
          "mini-batch step {}: batch weight {}, batch cost {}, largest centre move {}, {} s",
          step,
          fmt(batchWeight),
          fmt(batch.cost()),
          fmt(move),
          KMeansBase.seconds(start));
    }
    long costStart = System.nanoTime();
    double cost = KMeansCost.of(points, centres);
    LOG.info(
        "mini-batch k-means {} after {} steps, cost {} ({} s)",
        converged ? "converged" : "stopped at maxIter",
        step,
        fmt(cost),
        KMeansBase.seconds(costStart));
    return new KMeansResult(
        centres, cost, step, converged, initSeconds, java.util.Arrays.copyOf(seconds, step));
  }

  /**
   * The DataFrame plan of mini-batch step {@code step} (0-based) from {@code centres}, not
   * executed: the batch filter of that step, then rows of (cluster int, Σw, Σw·x<sub>0</sub> …
   * Σw·x<sub>d-1</sub>, Σw·d²) over the batch, one per centre that received points. It reads the
   * input directly (no checkpoint is written). Meant for tests and for checking where each operator
   * runs (for example that the RAPIDS Accelerator places all of it on the GPU).
   *
   * @param centres the centres the step starts from, one value per feature each
   * @param step the step number, which selects the batch's seed
   */
  public Dataset<Row> stepPlan(double[][] centres, int step) {
    checkCentres(centres, "centres");
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got " + step);
    }
    return plan(lazyData(), centres, step);
  }

  private Dataset<Row> plan(KMeansData points, double[][] centres, int step) {
    long batchSeed = KMeansInit.derive(getSeed() ^ BATCH_STREAM, step);
    return ClusterSums.plan(points.where(rand(batchSeed).lt(batchFraction)), centres);
  }
}
