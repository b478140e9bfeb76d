package io.github.meanshift.kmeans;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import io.github.meanshift.shift.Labeler;
import io.github.meanshift.shift.PointSet;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Per-cluster weighted sums of one pass over points: Σw, Σw·x<sub>j</sub> and Σw·d² for every
 * centre, where each point goes to its nearest centre. The pass is one Spark SQL plan: the centres
 * are literals in a {@link Labeler} expression ({@code least} over the squared distances and a
 * {@code CASE WHEN} for the index, no join), and the sums are a {@code groupBy} on the int cluster
 * index, so each task sends at most k partial rows to the shuffle and k rows come back.
 */
final class ClusterSums {
  static final String CLUSTER = "_ms_cluster";
  static final String D2 = "_ms_d2";
  static final String WEIGHT_SUM = "_ms_sw";
  static final String COST = "_ms_cost";

  private final double[] weights;
  private final double[][] sums;
  private final double cost;

  private ClusterSums(double[] weights, double[][] sums, double cost) {
    this.weights = weights;
    this.sums = sums;
    this.cost = cost;
  }

  /**
   * The plan of one pass (not executed): rows of (cluster int, Σw, Σw·x<sub>0</sub> …
   * Σw·x<sub>d-1</sub>, Σw·d²), one per centre that received points.
   *
   * @param points rows with the internal feature and weight columns
   * @param dim number of features
   * @param centres the current centres
   */
  static Dataset<Row> plan(Dataset<Row> points, int dim, double[][] centres) {
    Column[] f = PointSet.featureColumns(dim);
    Column w = KMeansData.weight();
    Column[] cols = new Column[dim + 3];
    System.arraycopy(f, 0, cols, 0, dim);
    cols[dim] = w;
    cols[dim + 1] = Labeler.label(f, centres, Double.POSITIVE_INFINITY).as(CLUSTER);
    cols[dim + 2] = Labeler.nearestSquaredDistance(f, centres).as(D2);
    Dataset<Row> labelled = points.select(cols);
    Column[] aggs = new Column[dim + 1];
    for (int j = 0; j < dim; j++) {
      aggs[j] = sum(w.multiply(f[j])).as("_ms_s" + j);
    }
    aggs[dim] = sum(w.multiply(col(D2))).as(COST);
    return labelled.groupBy(col(CLUSTER)).agg(sum(w).as(WEIGHT_SUM), aggs);
  }

  /** Runs {@code plan} (a {@link #plan} result) and gathers its rows for {@code k} centres. */
  static ClusterSums collect(Dataset<Row> plan, int k, int dim) {
    List<Row> rows = plan.collectAsList();
    double[] weights = new double[k];
    double[][] sums = new double[k][dim];
    double cost = 0;
    for (Row r : rows) {
      int c = r.getInt(0);
      weights[c] = r.getDouble(1);
      for (int j = 0; j < dim; j++) {
        sums[c][j] = r.getDouble(2 + j);
      }
      cost += r.getDouble(2 + dim);
    }
    return new ClusterSums(weights, sums, cost);
  }

  /** Total weight of the points nearest to centre {@code c}. */
  double weight(int c) {
    return weights[c];
  }

  /** Weighted mean of the points nearest to centre {@code c}; only where {@link #weight} > 0. */
  double[] mean(int c) {
    double[] m = sums[c].clone();
    for (int j = 0; j < m.length; j++) {
      m[j] /= weights[c];
    }
    return m;
  }

  /** Σw·d² to the nearest centre over the pass. */
  double cost() {
    return cost;
  }

  /** Total weight of the pass. */
  double totalWeight() {
    double t = 0;
    for (double w : weights) {
      t += w;
    }
    return t;
  }
}
