package io.github.meanshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.meanshift.common.Labeler;
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

/**
 * A model saved by {@code --save-model}: a {@link MeanShiftModel}, or the k-means pipeline
 * (VectorAssembler + MLlib KMeansModel) the kmeans command saves. Either way new points are
 * assigned by the same column expression (nearest centre, -1 beyond the bandwidth for a mean-shift
 * model fitted with cluster-all false), which runs on batch and streaming DataFrames and on the
 * GPU.
 */
final class SavedModel {
  final String kind;
  final String[] features;
  final double[][] centers;
  final double maxDistance;

  private SavedModel(String kind, String[] features, double[][] centers, double maxDistance) {
    this.kind = kind;
    this.features = features;
    this.centers = centers;
    this.maxDistance = maxDistance;
  }

  /** Loads the model in {@code dir}, telling the kind from Spark's metadata. */
  static SavedModel load(String dir, Configuration conf) {
    String cls = className(dir, conf);
    if (cls.equals(MeanShiftModel.class.getName())) {
      MeanShiftModel m = MeanShiftModel.load(dir);
      return new SavedModel(
          "meanshift",
          m.featureNames(),
          m.clusterCenters(),
          m.getClusterAll() ? Double.POSITIVE_INFINITY : m.getBandwidth());
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
            Double.POSITIVE_INFINITY);
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

  /** The cluster of the point whose coordinates are {@code featureColumns}. */
  Column assign(Column[] featureColumns) {
    return Labeler.label(featureColumns, centers, maxDistance);
  }
}
