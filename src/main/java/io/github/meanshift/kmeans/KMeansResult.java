package io.github.meanshift.kmeans;

import io.github.meanshift.common.Columns;
import io.github.meanshift.common.Labeler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a k-means fit found: the centres, the cost, how many iterations (or steps) it ran, their
 * wall times, and the assignment of new points as a column expression.
 */
public final class KMeansResult implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final double[][] centres;
  private final double cost;
  private final int iterations;
  private final boolean converged;
  private final double initSeconds;
  private final double[] iterationSeconds;

  KMeansResult(
      double[][] centres,
      double cost,
      int iterations,
      boolean converged,
      double initSeconds,
      double[] iterationSeconds) {
    this.centres = KMeansBase.deepCopy(centres);
    this.cost = cost;
    this.iterations = iterations;
    this.converged = converged;
    this.initSeconds = initSeconds;
    this.iterationSeconds = iterationSeconds.clone();
  }

  /** The cluster centres, one row per cluster (fewer than k when the data had fewer points). */
  public double[][] centres() {
    return KMeansBase.deepCopy(centres);
  }

  /** Number of clusters found. */
  public int k() {
    return centres.length;
  }

  /**
   * Sum over the points of weight × squared distance to the nearest centre. For {@link
   * ColumnarKMeans} it has the meaning of MLlib's {@code KMeansModel.summary.trainingCost}: it is
   * measured in the last iteration, against the centres that iteration started from. For {@link
   * MiniBatchKMeans} it is measured on all points against the final centres, in a pass of its own.
   */
  public double cost() {
    return cost;
  }

  /** Iterations (Lloyd) or steps (mini-batch) run. */
  public int iterations() {
    return iterations;
  }

  /** Whether the fit stopped because no centre moved more than tol. */
  public boolean converged() {
    return converged;
  }

  /** Wall time of the initialisation in seconds (0 with given initial centres). */
  public double initSeconds() {
    return initSeconds;
  }

  /** Wall time of every iteration (or step) in seconds, in order. */
  public double[] iterationSeconds() {
    return iterationSeconds.clone();
  }

  /**
   * The index of the nearest centre (ties to the lower index) as an int column expression on the
   * given feature expressions, one per feature in fit order: a {@code least} over the squared
   * distances and a {@code CASE WHEN}, no join, GPU-eligible.
   *
   * @param features one double-valued expression per feature
   */
  public Column assignment(Column... features) {
    if (features == null || features.length != centres[0].length) {
      throw new IllegalArgumentException(
          "features must hold "
              + centres[0].length
              + " columns (one per feature), got "
              + (features == null ? "null" : features.length));
    }
    Column[] f = new Column[features.length];
    for (int j = 0; j < f.length; j++) {
      f[j] = features[j].cast("double");
    }
    return Labeler.label(f, centres, Double.POSITIVE_INFINITY);
  }

  /**
   * {@link #assignment(Column...)} on columns named exactly {@code featureCols}.
   *
   * @param featureCols names of the numeric feature columns, in fit order
   */
  public Column assignment(String... featureCols) {
    if (featureCols == null) {
      throw new IllegalArgumentException("featureCols must not be null");
    }
    Column[] f = new Column[featureCols.length];
    for (int j = 0; j < f.length; j++) {
      f[j] = Columns.named(featureCols[j]);
    }
    return assignment(f);
  }

  /** Points of {@code data} nearest to each centre (by {@link #assignment(String...)}). */
  public long[] clusterSizes(Dataset<Row> data, String... featureCols) {
    long[] sizes = new long[k()];
    for (Row r : data.groupBy(assignment(featureCols).as("_ms_k")).count().collectAsList()) {
      sizes[r.getInt(0)] = r.getLong(1);
    }
    return sizes;
  }

  @Override
  public String toString() {
    return "KMeansResult("
        + centres.length
        + " centres, cost "
        + KMeansBase.fmt(cost)
        + ", "
        + iterations
        + " iterations"
        + (converged ? ", converged" : "")
        + ")";
  }
}
