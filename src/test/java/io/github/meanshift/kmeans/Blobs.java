package io.github.meanshift.kmeans;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Gaussian blobs for the k-means tests, and MLlib's KMeans on them for comparison. */
public final class Blobs {
  private Blobs() {}

  /** Column names x0 … x(d-1). */
  public static String[] names(int dim) {
    String[] n = new String[dim];
    for (int j = 0; j < dim; j++) {
      n[j] = "x" + j;
    }
    return n;
  }

  /** {@code n} points around {@code centres} (chosen in turn), spread {@code sigma}. */
  public static double[][] points(double[][] centres, int n, double sigma, long seed) {
    Random rnd = new Random(seed);
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] c = centres[i % centres.length];
      p[i] = new double[c.length];
      for (int j = 0; j < c.length; j++) {
        p[i][j] = c[j] + sigma * rnd.nextGaussian();
      }
    }
    return p;
  }

  /** {@code count} centres with coordinates uniform in [-10, 10). */
  public static double[][] randomCentres(int count, int dim, long seed) {
    Random rnd = new Random(seed);
    double[][] c = new double[count][dim];
    for (double[] row : c) {
      for (int j = 0; j < dim; j++) {
        row[j] = -10 + 20 * rnd.nextDouble();
      }
    }
    return c;
  }

  /** The points as a DataFrame of double columns x0 …, plus a weight column w when given. */
  public static Dataset<Row> frame(SparkSession spark, double[][] points, double[] weights) {
    int dim = points[0].length;
    List<StructField> fields = new ArrayList<>();
    for (String n : names(dim)) {
      fields.add(DataTypes.createStructField(n, DataTypes.DoubleType, false));
    }
    if (weights != null) {
      fields.add(DataTypes.createStructField("w", DataTypes.DoubleType, false));
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < points.length; i++) {
      Object[] v = new Object[fields.size()];
      for (int j = 0; j < dim; j++) {
        v[j] = points[i][j];
      }
      if (weights != null) {
        v[dim] = weights[i];
      }
      rows.add(RowFactory.create(v));
    }
    return spark.createDataFrame(rows, new StructType(fields.toArray(new StructField[0])));
  }

  /** MLlib's KMeans on the x columns (assembled into a vector). */
  static KMeansModel mllib(
      Dataset<Row> df, int dim, int k, long seed, int maxIter, String initMode) {
    Dataset<Row> vec =
        new VectorAssembler().setInputCols(names(dim)).setOutputCol("features").transform(df);
    return new KMeans()
        .setK(k)
        .setSeed(seed)
        .setMaxIter(maxIter)
        .setInitMode(initMode)
        .setFeaturesCol("features")
        .fit(vec);
  }

  /** The centres of an MLlib model as arrays. */
  static double[][] centres(KMeansModel model) {
    Vector[] v = model.clusterCenters();
    double[][] c = new double[v.length][];
    for (int i = 0; i < v.length; i++) {
      c[i] = v[i].toArray();
    }
    return c;
  }
}
