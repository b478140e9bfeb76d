package io.github.meanshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.meanshift.common.NearestCentres;
import io.github.meanshift.ml.MeanShiftModel;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A model saved by {@code --save-model}: a {@link MeanShiftModel}, or the k-means pipeline
 * (VectorAssembler + MLlib KMeansModel) the kmeans command saves. Either way new points are
 * assigned the same way (nearest centre, -1 beyond the bandwidth for a mean-shift model fitted with
 * cluster-all false), on batch and streaming DataFrames and on the GPU.
 */
final class SavedModel {
  final String kind;
  final String[] features;
  final double[][] centers;
  final double maxDistance;
  final double cellSide;

  private SavedModel(
      String kind, String[] features, double[][] centers, double maxDistance, double cellSide) {
    this.kind = kind;
    this.features = features;
    this.centers = centers;
    this.maxDistance = maxDistance;
    this.cellSide = cellSide;
  }

  /** Loads the model in {@code dir}, telling the kind from Spark's metadata. */
  static SavedModel load(String dir, Configuration conf) {
    String cls = className(dir, conf);
    if (cls.equals(MeanShiftModel.class.getName())) {
      MeanShiftModel m = MeanShiftModel.load(dir);
      return new SavedModel(
          "meanshift", m.featureNames(), m.clusterCenters(), m.maxDistance(), m.cellSide());
    }
    if (cls.equals(PipelineModel.class.getName())) {
      Transformer[] stages = PipelineModel.load(dir).stages();
      if (stages.length == 2
          && stages[0] instanceof VectorAssembler
          && stages[1] instanceof KMeansModel) {
        Vector[] c = ((KMeansModel) stages[1]).clusterCenters();
        double[][] centers = new double[c.length][];
        for (int k = 0; k < c.length; k++) {
          centers[k] = c[k].toArray();
        }
        return new SavedModel(
            "kmeans",
            ((VectorAssembler) stages[0]).getInputCols(),
            centers,
            Double.POSITIVE_INFINITY,
            Double.NaN);
      }
    }
    throw new UsageException(
        "--model " + dir + " holds a " + cls + ", not a model saved by meanshift or kmeans");
  }

  private static String className(String dir, Configuration conf) {
    Path meta = new Path(dir, "metadata");
    try {
      FileSystem fs = meta.getFileSystem(conf);
      if (!fs.exists(meta)) {
        throw new UsageException(
            "--model " + dir + " is not a saved Spark ML model (no metadata/)");
      }
      for (FileStatus s : fs.listStatus(meta)) {
        if (s.getPath().getName().startsWith("part-")) {
          try (InputStream in = fs.open(s.getPath())) {
            JsonNode json = new ObjectMapper().readTree(in);
            return json.get("class").asText();
          }
        }
      }
      throw new UsageException("--model " + dir + " has an empty metadata/ directory");
    } catch (IOException e) {
      throw new UsageException("cannot read --model " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code data} with column {@code labelCol}: the cluster of the point in {@code featureColumns}
   * ({@link NearestCentres}: one column expression, which also runs on a streaming frame, up to 32
   * centres; a cell join or a broadcast array of centres beyond).
   */
  Dataset<Row> assign(Dataset<Row> data, Column[] featureColumns, String labelCol) {
    return NearestCentres.assign(data, featureColumns, centers, maxDistance, cellSide, labelCol);
  }
}
