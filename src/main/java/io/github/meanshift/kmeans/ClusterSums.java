package io.github.meanshift.kmeans;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import io.github.meanshift.common.Labeler;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Per-cluster weighted sums of one pass over points: Σw, Σw·x<sub>j</sub> and Σw·d² for every
 * centre, where each point goes to its nearest centre. The pass is one Spark SQL plan of built-in
 * operators: the centres, one row of k·d double columns ({@link CentreRow}), are broadcast and
 * cross-joined onto the points (a row stays a row); a projection computes the k squared distances;
 * a second one takes their {@code least} and, by {@code CASE WHEN}, the index of the nearest centre
 * ({@link Nearest}, the rule of {@link io.github.meanshift.common.Labeler}); the sums are a {@code
 * groupBy} on that int index, so each task sends at most k partial rows to the shuffle and k rows
 * come back. No join key, no shuffle of points, and no literal centres: the generated code is the
 * same in every iteration, so Spark compiles it once.
 */
final class ClusterSums {
  static final String CLUSTER = "_ms_cluster";
  static final String D2 = "_ms_d2";
  static final String WEIGHT_SUM = "_ms_sw";
  static final String COST = "_ms_cost";
  private static final String WEIGHT = io.github.meanshift.common.Columns.WEIGHT;

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
   * @param points the points
   * @param centres the current centres
   */
  static Dataset<Row> plan(KMeansData points, double[][] centres) {
    int dim = points.dim();
    int k = centres.length;
    Column[] f = points.features();
    Dataset<Row> withCentres =
        points.points().crossJoin(broadcast(CentreRow.of(points.points().sparkSession(), centres)));
    Column[] cols = new Column[dim + 1 + k];
    System.arraycopy(f, 0, cols, 0, dim);
    cols[dim] = points.weight().as(WEIGHT);
    Column[] d2 = new Column[k];
    for (int c = 0; c < k; c++) {
      Column s = null;
      for (int j = 0; j < dim; j++) {
        Column diff = f[j].minus(CentreRow.coordinate(c, j));
        s = s == null ? diff.multiply(diff) : s.plus(diff.multiply(diff));
      }
      cols[dim + 1 + c] = s.as(distance(c));
      d2[c] = col(distance(c));
    }
    Column best = Labeler.min(d2);
    Column w = col(WEIGHT);
    Column[] labelled = new Column[dim + 3];
    System.arraycopy(f, 0, labelled, 0, dim);
    labelled[dim] = w;
    labelled[dim + 1] = Labeler.firstEqual(d2, best).as(CLUSTER);
    labelled[dim + 2] = best.as(D2);
    Column[] aggs = new Column[dim + 1];
    for (int j = 0; j < dim; j++) {
      aggs[j] = sum(points.weighted(f[j])).as("_ms_s" + j);
    }
    aggs[dim] = sum(points.weighted(col(D2))).as(COST);
    return withCentres
        .select(cols)
        .select(labelled)
        .groupBy(col(CLUSTER))
        .agg(sum(w).as(WEIGHT_SUM), aggs);
  }

  private static String distance(int c) {
    return "_ms_dist" + c;
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
