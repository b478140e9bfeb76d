package io.github.meanshift.kmeans;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.github.meanshift.common.BadInputException;
import io.github.meanshift.common.Columns;
import io.github.meanshift.shift.PointSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The points k-means reads: the user's numeric feature columns as plain doubles named {@code _ms_f0
 * …} and, when a weight column is given, the weight as {@code _ms_w}, following {@link PointSet}'s
 * convention (without one there is no weight column and sums need no multiplication). Rows with a
 * null feature or weight are left out. Building one executes nothing; {@link #checkpoint(String)}
 * writes the points once to Parquet so that later passes scan the file instead of recomputing the
 * input.
 */
final class KMeansData {
  private final Dataset<Row> points;
  private final int dim;
  private final boolean weighted;

  private KMeansData(Dataset<Row> points, int dim, boolean weighted) {
    this.points = points;
    this.dim = dim;
    this.weighted = weighted;
  }

  /**
   * The internal columns of {@code input} (lazy: no Spark job).
   *
   * @param input the user's data
   * @param featureCols names of numeric feature columns
   * @param weightCol name of a numeric weight column, or null for weight 1
   */
  static KMeansData of(Dataset<Row> input, String[] featureCols, String weightCol) {
    checkColumns(input.schema(), featureCols, weightCol);
    boolean weighted = weightCol != null;
    Column[] cols = new Column[featureCols.length + (weighted ? 1 : 0)];
    Column notNull = null;
    for (int j = 0; j < featureCols.length; j++) {
      Column f = Columns.named(featureCols[j]);
      cols[j] = f.cast("double").as(Columns.feature(j));
      notNull = notNull == null ? f.isNotNull() : notNull.and(f.isNotNull());
    }
    if (weighted) {
      Column w = Columns.named(weightCol);
      cols[featureCols.length] = w.cast("double").as(Columns.WEIGHT);
      notNull = notNull.and(w.isNotNull());
    }
    return new KMeansData(input.where(notNull).select(cols), featureCols.length, weighted);
  }

  /** Checks that the feature and weight columns exist and are numeric. */
  static void checkColumns(StructType schema, String[] featureCols, String weightCol) {
    if (featureCols == null || featureCols.length == 0) {
      throw new BadInputException("featureCols must name at least one column");
    }
    for (int i = 0; i < featureCols.length; i++) {
      for (int j = 0; j < i; j++) {
        if (featureCols[i].equals(featureCols[j])) {
          throw new BadInputException("featureCols lists column '" + featureCols[i] + "' twice");
        }
      }
      checkNumeric(schema, featureCols[i], "featureCols");
    }
    if (weightCol != null) {
      checkNumeric(schema, weightCol, "weightCol");
    }
  }

  private static void checkNumeric(StructType schema, String name, String param) {
    if (name == null) {
      throw new BadInputException(param + " contains a null column name");
    }
    for (StructField f : schema.fields()) {
      if (f.name().equals(name)) {
        if (!(f.dataType() instanceof NumericType)) {
          throw new BadInputException(
              param
                  + ": column '"
                  + name
                  + "' is "
                  + f.dataType().simpleString()
                  + ", not numeric");
        }
        return;
      }
    }
    throw new BadInputException(
        param
            + ": column '"
            + name
            + "' not found (columns: "
            + String.join(", ", schema.fieldNames())
            + ")");
  }

  /**
   * Writes the points to Parquet at {@code path} (overwriting it) and returns them read back from
   * there; with a null path, returns this unchanged (every pass then recomputes the input).
   */
  KMeansData checkpoint(String path) {
    if (path == null) {
      return this;
    }
    points.write().mode("overwrite").parquet(path);
    return new KMeansData(points.sparkSession().read().parquet(path), dim, weighted);
  }

  /** The rows where {@code condition} holds (lazy). */
  KMeansData where(Column condition) {
    return new KMeansData(points.where(condition), dim, weighted);
  }

  /** Rows of {@code _ms_f0 … _ms_f(d-1)}, then {@code _ms_w} if weighted. */
  Dataset<Row> points() {
    return points;
  }

  int dim() {
    return dim;
  }

  /** The feature columns. */
  Column[] features() {
    return Columns.features(dim);
  }

  /** The weight of a row: the weight column, or the constant 1. */
  Column weight() {
    return weighted ? col(Columns.WEIGHT) : lit(1.0);
  }

  /** {@code x} times the row's weight ({@code x} itself without weights). */
  Column weighted(Column x) {
    return weighted ? x.multiply(col(Columns.WEIGHT)) : x;
  }
}
