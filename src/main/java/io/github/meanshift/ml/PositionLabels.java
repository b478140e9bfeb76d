package io.github.meanshift.ml;

import static org.apache.spark.sql.functions.col;

import io.github.meanshift.common.Columns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Labels keyed by position: points at the same position follow the same path (blurring, every point
 * a seed), so the input is joined on its feature values with a table of (position, label).
 */
final class PositionLabels {
  private PositionLabels() {}

  /** Prefix of the join keys. */
  private static final String KEY = "_ms_key";

  /**
   * The input with column {@code labelCol}: the label of its position, from a broadcast table of
   * {@code positions} and {@code labels} (held by the driver).
   */
  static Dataset<Row> broadcast(
      Dataset<?> dataset, FeatureSpec spec, double[][] positions, int[] labels, String labelCol) {
    int d = spec.dim();
    Map<List<Double>, Row> byPosition = new LinkedHashMap<>();
    for (int i = 0; i < positions.length; i++) {
      Object[] v = new Object[d + 1];
      List<Double> key = new ArrayList<>(d);
      for (int j = 0; j < d; j++) {
        double x = positions[i][j] == 0.0 ? 0.0 : positions[i][j]; // -0.0 and 0.0 are one position
        v[j] = x;
        key.add(x);
      }
      v[d] = labels[i];
      byPosition.putIfAbsent(key, RowFactory.create(v));
    }
    Dataset<Row> table =
        dataset
            .sparkSession()
            .createDataFrame(new ArrayList<>(byPosition.values()), schema(d, labelCol));
    return join(dataset, spec, functions.broadcast(table), labelCol);
  }

  /**
   * The input with column {@code labelCol} from a distributed table of internal feature columns and
   * {@code labelCol}, one row per distinct position (a shuffled join: the table may be as large as
   * the input).
   */
  static Dataset<Row> distributed(
      Dataset<?> dataset, FeatureSpec spec, Dataset<Row> table, String labelCol) {
    return join(dataset, spec, table, labelCol);
  }

  private static StructType schema(int d, String labelCol) {
    StructType schema = new StructType();
    for (int j = 0; j < d; j++) {
      schema = schema.add(Columns.feature(j), DataTypes.DoubleType, false);
    }
    return schema.add(labelCol, DataTypes.IntegerType, false);
  }

  private static Dataset<Row> join(
      Dataset<?> dataset, FeatureSpec spec, Dataset<Row> table, String labelCol) {
    int d = spec.dim();
    String[] names = dataset.columns();
    Column[] features = spec.columns();
    Column[] withKeys = new Column[names.length + d];
    Column[] out = new Column[names.length + 1];
    Column on = null;
    for (int i = 0; i < names.length; i++) {
      withKeys[i] = Columns.named(names[i]);
      out[i] = Columns.named(names[i]);
    }
    for (int j = 0; j < d; j++) {
      withKeys[names.length + j] = features[j].as(KEY + j);
      Column eq = col(KEY + j).equalTo(col(Columns.feature(j)));
      on = on == null ? eq : on.and(eq);
    }
    out[names.length] = col(labelCol);
    return dataset.select(withKeys).join(table, on).select(out);
  }
}
