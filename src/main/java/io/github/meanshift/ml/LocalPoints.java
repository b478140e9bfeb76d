package io.github.meanshift.ml;

import io.github.meanshift.common.Columns;
import io.github.meanshift.shift.PointSet;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A point set collected to the driver (blurring mean shift keeps the moving points there, one array
 * per iteration), and the way back: a Spark point set of the current positions, and a table of
 * labels by point id.
 */
final class LocalPoints {
  static final String LABEL = "_ms_label";

  final long[] pid;
  final double[][] x;
  final double[] w;

  private LocalPoints(long[] pid, double[][] x, double[] w) {
    this.pid = pid;
    this.x = x;
    this.w = w;
  }

  static LocalPoints collect(PointSet points) {
    return of(points.hot().collectAsList(), points.dim());
  }

  /**
   * Points from rows of (id, features..., weight); a missing feature or weight becomes NaN, for the
   * checks of {@link io.github.meanshift.shift.PointStats#of(double[][], double[], String[],
   * String)} to report.
   */
  static LocalPoints of(List<Row> rows, int d) {
    long[] pid = new long[rows.size()];
    double[][] x = new double[rows.size()][d];
    double[] w = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      pid[i] = r.getLong(0);
      for (int j = 0; j < d; j++) {
        x[i][j] = r.isNullAt(1 + j) ? Double.NaN : r.getDouble(1 + j);
      }
      w[i] = r.isNullAt(1 + d) ? Double.NaN : r.getDouble(1 + d);
    }
    return new LocalPoints(pid, x, w);
  }

  /** Table (point id, label) for the labels of the collected points. */
  Dataset<Row> labels(SparkSession spark, int[] labels) {
    List<Row> rows = new ArrayList<>(pid.length);
    for (int i = 0; i < pid.length; i++) {
      rows.add(RowFactory.create(pid[i], labels[i]));
    }
    StructType schema =
        new StructType()
            .add(Columns.PID, DataTypes.LongType, false)
            .add(LABEL, DataTypes.IntegerType, false);
    return spark.createDataFrame(rows, schema);
  }
}
