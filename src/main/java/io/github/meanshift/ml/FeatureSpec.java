package io.github.meanshift.ml;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import io.github.meanshift.common.BadInputException;
import io.github.meanshift.common.Columns;
import java.util.Arrays;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * How the features of a data set are read: either a list of numeric columns (the GPU-friendly form)
 * or one vector column, as MLlib users have. Resolves either to one double expression per feature
 * and checks the schema with messages that name the column.
 */
final class FeatureSpec {
  private final String[] inputCols;
  private final String vectorCol;
  private final int dim;

  private FeatureSpec(String[] inputCols, String vectorCol, int dim) {
    this.inputCols = inputCols;
    this.vectorCol = vectorCol;
    this.dim = dim;
  }

  /** The features of {@code params} on {@code schema}; the vector size is read from data. */
  static FeatureSpec of(MeanShiftParams params, Dataset<?> data) {
    String[] inputs = params.getInputCols();
    if (inputs != null) {
      checkNumericColumns(data.schema(), inputs);
      return new FeatureSpec(inputs.clone(), null, inputs.length);
    }
    String vc = params.getFeaturesCol();
    checkVectorColumn(data.schema(), vc);
    java.util.List<Row> first =
        data.select(Columns.named(vc)).where(Columns.named(vc).isNotNull()).takeAsList(1);
    if (first.isEmpty()) {
      throw new BadInputException("the input has no rows with a '" + vc + "' vector");
    }
    return new FeatureSpec(null, vc, ((Vector) first.get(0).get(0)).size());
  }

  /** A spec of known dimension (for a fitted model: no data needs to be read). */
  static FeatureSpec of(MeanShiftParams params, int dim) {
    String[] inputs = params.getInputCols();
    return inputs != null
        ? new FeatureSpec(inputs.clone(), null, inputs.length)
        : new FeatureSpec(null, params.getFeaturesCol(), dim);
  }

  /** Checks that {@code schema} has the columns this spec reads, of the right types. */
  void check(StructType schema) {
    if (inputCols != null) {
      checkNumericColumns(schema, inputCols);
    } else {
      checkVectorColumn(schema, vectorCol);
    }
  }

  static void checkNumericColumns(StructType schema, String[] names) {
    if (names.length == 0) {
      throw new BadInputException("the feature list is empty");
    }
    for (int i = 0; i < names.length; i++) {
      for (int j = 0; j < i; j++) {
        if (names[i].equals(names[j])) {
          throw new BadInputException("feature column '" + names[i] + "' is listed twice");
        }
      }
      StructField f = field(schema, names[i], "feature");
      if (!(f.dataType() instanceof NumericType)) {
        throw new BadInputException(
            "feature column '"
                + names[i]
                + "' is "
                + f.dataType().simpleString()
                + ", not numeric");
      }
    }
  }

  static void checkVectorColumn(StructType schema, String name) {
    StructField f = field(schema, name, "features");
    if (!f.dataType().equals(SQLDataTypes.VectorType())) {
      throw new BadInputException(
          "features column '"
              + name
              + "' is "
              + f.dataType().simpleString()
              + ", not a vector; set inputCols to use numeric columns");
    }
  }

  static StructField field(StructType schema, String name, String what) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new BadInputException(
        what
            + " column '"
            + name
            + "' not found (columns: "
            + String.join(", ", schema.fieldNames())
            + ")");
  }

  int dim() {
    return dim;
  }

  /** Names of the features, for reports and centres files. */
  String[] names() {
    if (inputCols != null) {
      return inputCols.clone();
    }
    String[] n = new String[dim];
    for (int j = 0; j < dim; j++) {
      n[j] = vectorCol + "_" + j;
    }
    return n;
  }

  /** One double expression per feature. */
  Column[] columns() {
    Column[] c = new Column[dim];
    if (inputCols != null) {
      for (int j = 0; j < dim; j++) {
        c[j] = Columns.named(inputCols[j]).cast("double");
      }
    } else {
      Column arr = vector_to_array(Columns.named(vectorCol), "float64");
      for (int j = 0; j < dim; j++) {
        c[j] = arr.getItem(j);
      }
    }
    return c;
  }

  /**
   * The internal columns a fit works on: a point id, the features as plain doubles, and the weight
   * (1, or the {@code weightCol} as a double).
   */
  Dataset<Row> hotFrame(Dataset<?> dataset, String weightCol) {
    Column[] features = columns();
    Column[] cols = new Column[dim + 2];
    cols[0] = monotonically_increasing_id().as(Columns.PID);
    for (int j = 0; j < dim; j++) {
      cols[1 + j] = features[j].as(Columns.feature(j));
    }
    cols[1 + dim] =
        (weightCol == null ? lit(1.0) : Columns.named(weightCol).cast("double")).as(Columns.WEIGHT);
    return dataset.select(cols);
  }

  @Override
  public String toString() {
    return inputCols != null ? Arrays.toString(inputCols) : vectorCol + " (vector of " + dim + ")";
  }
}
