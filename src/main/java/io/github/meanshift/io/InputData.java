package io.github.meanshift.io;

import io.github.meanshift.common.BadInputException;
import io.github.meanshift.common.Columns;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * An input table as the jobs see it: the DataFrame (CSV with a header row, or Parquet), its feature
 * columns, the id column carried to the outputs, and the optional label and weight columns. Every
 * problem is an {@link IllegalArgumentException} naming the file or column.
 */
public final class InputData {
  /** Name of the row-index id added when the input has no id column. */
  public static final String ROW_INDEX = "id";

  private final String path;
  private final Dataset<Row> frame;
  private final String[] features;
  private final String idCol;
  private final String labelCol;
  private final String weightCol;

  private InputData(
      String path,
      Dataset<Row> frame,
      String[] features,
      String idCol,
      String labelCol,
      String weightCol) {
    this.path = path;
    this.frame = frame;
    this.features = features;
    this.idCol = idCol;
    this.labelCol = labelCol;
    this.weightCol = weightCol;
  }

  /** What to read and which columns play which part. */
  public static final class Spec {
    public String path;
    public String format;
    public List<String> features;
    public String idCol;
    public String labelCol;
    public String weightCol;
  }

  /** Reads {@code spec.path}; the format comes from {@code spec.format} or the extension. */
  public static InputData read(SparkSession spark, Spec spec) {
    String format = format(spec.path, spec.format);
    checkExists(spark, spec.path);
    Dataset<Row> df;
    try {
      if (format.equals("csv")) {
        checkCsvHeader(spark, spec.path);
        df =
            spark
                .read()
                .option("header", "true")
                .option("inferSchema", "true")
                .option("mode", "FAILFAST")
                .csv(spec.path);
      } else {
        df = spark.read().parquet(spec.path);
      }
      if (df.columns().length == 0) {
        throw new BadInputException("input " + spec.path + " is empty (no columns)");
      }
      if (df.isEmpty()) {
        throw new BadInputException("input " + spec.path + " has no rows");
      }
    } catch (BadInputException e) {
      throw e;
    } catch (Exception e) { // Spark throws SparkException, a checked exception, undeclared
      throw new BadInputException(
          "cannot read " + format + " input " + spec.path + ": " + firstLine(rootCause(e)), e);
    }
    checkDistinctNames(df.schema(), spec.path);
    String idCol = spec.idCol;
    if (idCol != null) {
      field(df.schema(), idCol, "id", spec.path);
    } else if (Arrays.asList(df.columns()).contains(ROW_INDEX)) {
      idCol = ROW_INDEX;
    }
    if (spec.labelCol != null) {
      field(df.schema(), spec.labelCol, "label", spec.path);
    }
    if (spec.weightCol != null) {
      numeric(df.schema(), spec.weightCol, "weight", spec.path);
      checkWeights(df, spec.weightCol, spec.path);
    }
    String[] features = features(df.schema(), spec, idCol);
    if (idCol == null) {
      df = withRowIndex(spark, df);
      idCol = ROW_INDEX;
    }
    return new InputData(spec.path, df, features, idCol, spec.labelCol, spec.weightCol);
  }

  private static String[] features(StructType schema, Spec spec, String idCol) {
    if (spec.features != null && !spec.features.isEmpty()) {
      for (String f : spec.features) {
        numeric(schema, f, "feature", spec.path);
      }
      if (spec.features.stream().distinct().count() != spec.features.size()) {
        throw new BadInputException("--features lists a column twice: " + spec.features);
      }
      return spec.features.toArray(new String[0]);
    }
    if (spec.features != null) {
      throw new BadInputException("--features is empty");
    }
    List<String> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      String n = f.name();
      if (n.equals(idCol) || n.equals(spec.labelCol) || n.equals(spec.weightCol)) {
        continue;
      }
      if (f.dataType() instanceof NumericType) {
        out.add(n);
      }
    }
    if (out.isEmpty()) {
      throw new BadInputException(
          "input "
              + spec.path
              + " has no numeric feature column (columns: "
              + String.join(", ", schema.fieldNames())
              + ")");
    }
    return out.toArray(new String[0]);
  }

  private static Dataset<Row> withRowIndex(SparkSession spark, Dataset<Row> df) {
    StructType schema = df.schema().add(ROW_INDEX, DataTypes.LongType, false);
    return spark.createDataFrame(
        df.javaRDD()
            .zipWithIndex()
            .map(
                t -> {
                  Row r = t._1();
                  Object[] v = new Object[r.size() + 1];
                  for (int i = 0; i < r.size(); i++) {
                    v[i] = r.get(i);
                  }
                  v[r.size()] = t._2();
                  return org.apache.spark.sql.RowFactory.create(v);
                }),
        schema);
  }

  /** Weights must be finite and non-negative: one aggregation counts the others. */
  private static void checkWeights(Dataset<Row> df, String weightCol, String path) {
    org.apache.spark.sql.Column w = Columns.named(weightCol).cast("double");
    long bad =
        df.where(
                w.isNull()
                    .or(org.apache.spark.sql.functions.isnan(w))
                    .or(w.lt(0))
                    .or(w.equalTo(Double.POSITIVE_INFINITY)))
            .count();
    if (bad > 0) {
      throw new BadInputException(
          "weight column '"
              + weightCol
              + "' in "
              + path
              + " has "
              + bad
              + " value(s) that are missing, NaN, infinite or negative; weights must be finite"
              + " and >= 0");
    }
  }

  /** The format of {@code path}: the explicit one, or csv/parquet from the extension. */
  static String format(String path, String explicit) {
    if (explicit != null) {
      String f = explicit.toLowerCase(Locale.ROOT);
      if (!f.equals("csv") && !f.equals("parquet")) {
        throw new BadInputException(
            "--input-format must be csv or parquet, got '" + explicit + "'");
      }
      return f;
    }
    String p = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
    if (p.endsWith(".csv") || p.endsWith(".csv.gz")) {
      return "csv";
    }
    if (p.endsWith(".parquet")) {
      return "parquet";
    }
    throw new BadInputException(
        "cannot tell the format of "
            + path
            + " from its name; use --input-format csv or --input-format parquet");
  }

  private static void checkExists(SparkSession spark, String path) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        throw new BadInputException("input " + path + " does not exist");
      }
    } catch (IOException e) {
      throw new BadInputException("cannot access input " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Spark renames repeated CSV header names (x0, x0 become x00, x01) with a warning; a repeated
   * column is more likely a mistake, so it is rejected. Reads the first line only.
   */
  private static void checkCsvHeader(SparkSession spark, String path) {
    java.util.List<Row> first = spark.read().option("header", "false").csv(path).takeAsList(1);
    if (first.isEmpty()) {
      return;
    }
    Row header = first.get(0);
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.isNullAt(i) ? "" : header.getString(i).strip();
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        throw new BadInputException(
            "input " + path + " has two columns named '" + name + "' in its header");
      }
    }
  }

  private static void checkDistinctNames(StructType schema, String path) {
    String[] names = schema.fieldNames();
    for (int i = 0; i < names.length; i++) {
      for (int j = 0; j < i; j++) {
        if (names[i].equalsIgnoreCase(names[j])) {
          throw new BadInputException(
              "input " + path + " has two columns named '" + names[i] + "'");
        }
      }
    }
  }

  private static StructField field(StructType schema, String name, String what, String path) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new BadInputException(
        what
            + " column '"
            + name
            + "' not found in "
            + path
            + " (columns: "
            + String.join(", ", schema.fieldNames())
            + ")");
  }

  private static void numeric(StructType schema, String name, String what, String path) {
    StructField f = field(schema, name, what, path);
    if (!(f.dataType() instanceof NumericType)) {
      throw new BadInputException(
          what
              + " column '"
              + name
              + "' in "
              + path
              + " is "
              + f.dataType().simpleString()
              + ", not numeric");
    }
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? e : t;
  }

  static String firstLine(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getMessage() == null) {
      t = t.getCause();
    }
    String m = String.valueOf(t.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  public String path() {
    return path;
  }

  /** The table, with a row-index id column when the input had none. */
  public Dataset<Row> frame() {
    return frame;
  }

  public String[] features() {
    return features.clone();
  }

  public String idCol() {
    return idCol;
  }

  /** Ground-truth label column, or null. */
  public String labelCol() {
    return labelCol;
  }

  /** Sample-weight column, or null. */
  public String weightCol() {
    return weightCol;
  }

  /** The id, features, label and weight columns only. */
  public Dataset<Row> selected() {
    List<String> cols = new ArrayList<>();
    cols.add(idCol);
    cols.addAll(Arrays.asList(features));
    if (labelCol != null && !cols.contains(labelCol)) {
      cols.add(labelCol);
    }
    if (weightCol != null && !cols.contains(weightCol)) {
      cols.add(weightCol);
    }
    return frame.select(
        cols.stream().map(Columns::named).toArray(org.apache.spark.sql.Column[]::new));
  }
}
