package io.github.meanshift.shift;

import static org.apache.spark.sql.functions.col;

import io.github.meanshift.common.Columns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The points mean shift works on: a DataFrame with plain double feature columns {@code _ms_f0 …}
 * and a weight column {@code _ms_w} (1 unless sample weights are given), plus a point id {@code
 * _ms_pid}, with the statistics gathered when it was prepared. Other columns of the user's data may
 * ride along; the hot paths select only the internal ones.
 */
public final class PointSet {

  private final Dataset<Row> data;
  private final String[] featureNames;
  private final PointStats stats;

  public PointSet(Dataset<Row> data, String[] featureNames, PointStats stats) {
    this.data = data;
    this.featureNames = featureNames.clone();
    this.stats = stats;
  }

  /**
   * A point set of positions held on the driver (rows of {@code x}, weights {@code w}; ids are the
   * row indices), handed to Spark through {@code store} (which writes it somewhere Spark reads it
   * back as a file scan, so that plans over it stay on the GPU).
   */
  public static PointSet fromArrays(
      SparkSession spark,
      double[][] x,
      double[] w,
      String[] names,
      UnaryOperator<Dataset<Row>> store) {
    int d = names.length;
    StructType schema = new StructType().add(Columns.PID, DataTypes.LongType, false);
    for (int j = 0; j < d; j++) {
      schema = schema.add(Columns.feature(j), DataTypes.DoubleType, false);
    }
    schema = schema.add(Columns.WEIGHT, DataTypes.DoubleType, false);
    List<Row> rows = new ArrayList<>(x.length);
    for (int i = 0; i < x.length; i++) {
      Object[] v = new Object[d + 2];
      v[0] = (long) i;
      for (int j = 0; j < d; j++) {
        v[1 + j] = x[i][j];
      }
      v[1 + d] = w[i];
      rows.add(RowFactory.create(v));
    }
    Dataset<Row> stored = store.apply(spark.createDataFrame(rows, schema));
    return new PointSet(stored, names, PointStats.of(x, w));
  }

  public Dataset<Row> data() {
    return data;
  }

  /** Only the columns the algorithm reads: id, features, weight. */
  public Dataset<Row> hot() {
    Column[] cols = new Column[dim() + 2];
    cols[0] = col(Columns.PID);
    System.arraycopy(Columns.features(dim()), 0, cols, 1, dim());
    cols[dim() + 1] = col(Columns.WEIGHT);
    return data.select(cols);
  }

  public int dim() {
    return featureNames.length;
  }

  /** The user's names of the features, in order. */
  public String[] featureNames() {
    return featureNames.clone();
  }

  public PointStats stats() {
    return stats;
  }

  public long count() {
    return stats.count();
  }

  @Override
  public String toString() {
    return "PointSet(" + stats.count() + " points, features " + Arrays.toString(featureNames) + ")";
  }
}
