package io.github.meanshift.ml;

import io.github.meanshift.common.BadInputException;
import io.github.meanshift.common.Columns;
import io.github.meanshift.common.Labeler;
import io.github.meanshift.common.NearestCentres;
import io.github.meanshift.shift.JvmShiftEngine;
import io.github.meanshift.shift.Kernel;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * A fitted mean-shift clustering: its centres and the bandwidth they were found with. {@link
 * #transform} labels each row with its nearest centre (or -1, when fitted with clusterAll false,
 * for rows farther than the bandwidth from every centre) with a plan whose size does not grow with
 * the number of centres ({@link NearestCentres}): with up to 32 centres a plain column expression,
 * which also works on streaming DataFrames; with more, a cell join. Saved like MLlib's models:
 * Spark's params metadata plus the centres as Parquet.
 */
public class MeanShiftModel extends Model<MeanShiftModel> implements MeanShiftParams, MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final MeanShiftParamDefs defs;
  private final double[][] modes;
  private final int[] modeCluster;
  private final double[][] centers;
  private transient MeanShiftSummary summary;

  /**
   * @param modes the modes of the fit
   * @param modeCluster the cluster of each mode (0, 1, ..., numbered by their first mode): the
   *     identity, unless modes joined by a density ridge were merged
   */
  MeanShiftModel(String uid, double[][] modes, int[] modeCluster) {
    this.uid = uid;
    this.defs = new MeanShiftParamDefs(this);
    defs.setDefaults(this);
    this.modes = modes;
    this.modeCluster = modeCluster;
    this.centers = Clusters.representatives(modes, modeCluster);
  }

  /** Whether every cluster is one mode (no modes were merged). */
  private boolean oneModeEach() {
    return modes.length == centers.length;
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public MeanShiftParamDefs defs() {
    return defs;
  }

  /**
   * Cluster centres; row k is the centre of cluster k: its mode, or, for a cluster of merged modes
   * (a ring, a moon), its strongest mode.
   */
  public double[][] clusterCenters() {
    return copyOf(centers);
  }

  /** Every mode of the fit (more than the clusters when modes were merged). */
  public double[][] modes() {
    return copyOf(modes);
  }

  /** The cluster of each mode of {@link #modes()}. */
  public int[] modeClusters() {
    return modeCluster.clone();
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
    return modes[0].length;
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

  /**
   * The label of the row's features as one column expression (which also works on a streaming
   * frame): the cluster of the nearest mode, -1 beyond the bandwidth when fitted with clusterAll
   * false. Its size grows with the number of modes: {@link #transform} chooses a plan that does
   * not.
   */
  public Column predictColumn(Column[] features) {
    return toCluster(Labeler.label(features, modes, maxDistance()));
  }

  /** A nearest-mode label as the cluster of that mode (-1 stays -1). */
  private Column toCluster(Column nearestMode) {
    if (oneModeEach()) {
      return nearestMode;
    }
    return functions
        .when(nearestMode.lt(0), functions.lit(-1))
        .otherwise(functions.element_at(functions.lit(modeCluster), nearestMode.plus(1)));
  }

  /**
   * Side of the cells the labelling of many centres looks in first: the kernel's reach (where a
   * mode's points are), or NaN without a bandwidth.
   */
  public double cellSide() {
    return isDefined(bandwidth())
        ? JvmShiftEngine.cellSide(Kernel.fromName(getKernel()), getBandwidth())
        : Double.NaN;
  }

  /**
   * How far a point may lie from its centre: unbounded with clusterAll, else the bandwidth (0 for a
   * model fitted with a chosen bandwidth of 0, which leaves the bandwidth param unset: every
   * distinct value its own cluster).
   */
  public double maxDistance() {
    if (getClusterAll()) {
      return Double.POSITIVE_INFINITY;
    }
    return isDefined(bandwidth()) ? getBandwidth() : 0;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    Column[] features = FeatureSpec.of(this, numFeatures()).columns();
    Dataset<Row> labelled =
        NearestCentres.assign(
            dataset.toDF(), features, modes, maxDistance(), cellSide(), getPredictionCol());
    return oneModeEach()
        ? labelled
        : labelled.withColumn(getPredictionCol(), toCluster(Columns.named(getPredictionCol())));
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
    MeanShiftModel copied = copyValues(new MeanShiftModel(uid, modes, modeCluster), extra);
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
    return "MeanShiftModel: uid="
        + uid
        + ", k="
        + centers.length
        + (oneModeEach() ? "" : " (" + modes.length + " modes)")
        + ", h="
        + getBandwidth();
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
      for (int m = 0; m < instance.modes.length; m++) {
        rows.add(RowFactory.create(m, instance.modes[m], instance.modeCluster[m]));
      }
      StructType schema =
          new StructType()
              .add("mode", DataTypes.IntegerType, false)
              .add("center", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
              .add("cluster", DataTypes.IntegerType, false);
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
      Dataset<Row> data =
          spark.read().parquet(new org.apache.hadoop.fs.Path(path, "data").toString());
      // Models saved before modes could merge hold one row per cluster: (cluster, center).
      boolean byMode = Arrays.asList(data.columns()).contains("mode");
      List<Row> rows =
          (byMode
                  ? data.orderBy("mode").select("center", "cluster")
                  : data.orderBy("cluster").select("center", "cluster"))
              .collectAsList();
      double[][] modes = new double[rows.size()][];
      int[] cluster = new int[rows.size()];
      for (int m = 0; m < modes.length; m++) {
        List<Double> c = rows.get(m).getList(0);
        modes[m] = c.stream().mapToDouble(Double::doubleValue).toArray();
        cluster[m] = rows.get(m).getInt(1);
      }
      MeanShiftModel model = new MeanShiftModel(metadata.uid(), modes, cluster);
      metadata.getAndSetParams(model, Option.empty());
      return model;
    }
  }
}
