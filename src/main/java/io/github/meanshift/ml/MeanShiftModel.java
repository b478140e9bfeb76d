package io.github.meanshift.ml;

import io.github.meanshift.common.BadInputException;
import io.github.meanshift.common.Labeler;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * A fitted mean-shift clustering: its centres and the bandwidth they were found with. {@link
 * #transform} labels each row with its nearest centre (or -1, when fitted with clusterAll false,
 * for rows farther than the bandwidth from every centre), as a plain column expression that also
 * works on streaming DataFrames. Saved like MLlib's models: Spark's params metadata plus the
 * centres as Parquet.
 */
public class MeanShiftModel extends Model<MeanShiftModel> implements MeanShiftParams, MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final MeanShiftParamDefs defs;
  private final double[][] centers;
  private transient MeanShiftSummary summary;

  MeanShiftModel(String uid, double[][] centers) {
    this.uid = uid;
    this.defs = new MeanShiftParamDefs(this);
    defs.setDefaults(this);
    this.centers = centers;
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public MeanShiftParamDefs defs() {
    return defs;
  }

  /** Cluster centres; row k is the centre of cluster k. */
  public double[][] clusterCenters() {
    return copyOf(centers);
  }

  /** A deep copy of a matrix (callers never share the model's or summary's arrays). */
  static double[][] copyOf(double[][] m) {
    double[][] c = new double[m.length][];
    for (int k = 0; k < c.length; k++) {
      c[k] = m[k].clone();
    }
    return c;
  }

  public int numClusters() {
    return centers.length;
  }

  /** Number of features the model was fitted on. */
  public int numFeatures() {
    return centers[0].length;
  }

  /** Feature names: the input columns, or {@code <featuresCol>_<j>} for a vector column. */
  public String[] featureNames() {
    return FeatureSpec.of(this, numFeatures()).names();
  }

  public MeanShiftModel setPredictionCol(String value) {
    set(predictionCol(), value);
    return this;
  }

  public MeanShiftModel setFeaturesCol(String value) {
    set(featuresCol(), value);
    return this;
  }

  public MeanShiftModel setInputCols(String[] value) {
    set(inputCols(), value);
    return this;
  }

  /** The nearest-centre label of the row's features, as a column expression. */
  public Column predictColumn(Column[] features) {
    return Labeler.label(features, centers, maxDistance());
  }

  /**
   * How far a point may lie from its centre: unbounded with clusterAll, else the bandwidth (0 for a
   * model fitted with a chosen bandwidth of 0, which leaves the bandwidth param unset: every
   * distinct value its own cluster).
   */
  double maxDistance() {
    if (getClusterAll()) {
      return Double.POSITIVE_INFINITY;
    }
    return isDefined(bandwidth()) ? getBandwidth() : 0;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    Column[] features = FeatureSpec.of(this, numFeatures()).columns();
    return dataset.withColumn(getPredictionCol(), predictColumn(features));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    FeatureSpec.of(this, numFeatures()).check(schema);
    if (java.util.Arrays.asList(schema.fieldNames()).contains(getPredictionCol())) {
      throw new BadInputException(
          "prediction column '" + getPredictionCol() + "' already exists in the input");
    }
    return schema.add(getPredictionCol(), DataTypes.IntegerType, false);
  }

  @Override
  public MeanShiftModel copy(ParamMap extra) {
    MeanShiftModel copied = copyValues(new MeanShiftModel(uid, centers), extra);
    copied.summary = summary;
    return copied.setParent(parent());
  }

  /** Whether a summary is attached (only on a model just fitted). */
  public boolean hasSummary() {
    return summary != null;
  }

  /** The summary of the fit that produced this model. */
  public MeanShiftSummary summary() {
    if (summary == null) {
      throw new IllegalStateException("no summary: this model was not produced by a fit");
    }
    return summary;
  }

  void setSummary(MeanShiftSummary s) {
    this.summary = s;
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  public static MLReader<MeanShiftModel> read() {
    return new Reader();
  }

  public static MeanShiftModel load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "MeanShiftModel: uid=" + uid + ", k=" + centers.length + ", h=" + getBandwidth();
  }

  private static final class Writer extends MLWriter {
    private final MeanShiftModel instance;

    Writer(MeanShiftModel instance) {
      this.instance = instance;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter.saveMetadata(instance, path, sc(), Option.empty(), Option.empty());
      List<Row> rows = new ArrayList<>();
      for (int k = 0; k < instance.centers.length; k++) {
        rows.add(RowFactory.create(k, instance.centers[k]));
      }
      StructType schema =
          new StructType()
              .add("cluster", DataTypes.IntegerType, false)
              .add("center", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
      sparkSession()
          .createDataFrame(rows, schema)
          .repartition(1)
          .write()
          .parquet(new org.apache.hadoop.fs.Path(path, "data").toString());
    }
  }

  private static final class Reader extends MLReader<MeanShiftModel> {
    @Override
    public MeanShiftModel load(String path) {
      DefaultParamsReader.Metadata metadata =
          DefaultParamsReader.loadMetadata(path, sc(), MeanShiftModel.class.getName());
      SparkSession spark = sparkSession();
      List<Row> rows =
          spark
              .read()
              .parquet(new org.apache.hadoop.fs.Path(path, "data").toString())
              .orderBy("cluster")
              .collectAsList();
      double[][] centers = new double[rows.size()][];
      for (int k = 0; k < centers.length; k++) {
        List<Double> c = rows.get(k).getList(1);
        centers[k] = c.stream().mapToDouble(Double::doubleValue).toArray();
      }
      MeanShiftModel model = new MeanShiftModel(metadata.uid(), centers);
      metadata.getAndSetParams(model, Option.empty());
      return model;
    }
  }
}
