package io.github.meanshift.kmeans;

import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.rand;

import io.github.meanshift.common.BadInputException;
import io.github.meanshift.common.Rows;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;

/**
 * Initial centres: {@code "random"} draws k points (weighted, without replacement) in one pass;
 * {@code "k-means||"} delegates to {@link KMeansParallelInit}. Both are DataFrame operations;
 * duplicate points are dropped, so fewer than k centres come back when the data have fewer than k
 * distinct points (as in MLlib).
 */
final class KMeansInit {
  /** Name of the k-means|| mode. */
  static final String PARALLEL = "k-means||";

  /** Name of the random mode. */
  static final String RANDOM = "random";

  private KMeansInit() {}

  /** Checks an init mode name. */
  static String checkMode(String mode) {
    if (!PARALLEL.equals(mode) && !RANDOM.equals(mode)) {
      throw new BadInputException(
          "initMode must be \"" + PARALLEL + "\" or \"" + RANDOM + "\", not \"" + mode + "\"");
    }
    return mode;
  }

  /** Initial centres of {@code data} by {@code mode}. */
  static double[][] centres(KMeansData data, String mode, int k, int initSteps, long seed) {
    double[][] c =
        RANDOM.equals(mode)
            ? weightedSample(data, k, derive(seed, 0))
            : KMeansParallelInit.run(data, k, initSteps, seed);
    if (c.length == 0) {
      throw new BadInputException("the input has no rows with a positive weight");
    }
    return c;
  }

  /**
   * Up to {@code n} distinct points drawn without replacement with probability proportional to
   * their weight, in one pass: the points with the {@code n} largest keys log(u)/w, u uniform
   * (Efraimidis and Spirakis), a top-n sort of a plain double column.
   */
  static double[][] weightedSample(KMeansData data, int n, long seed) {
    Column w = data.weight();
    Column key = log(rand(seed)).divide(w);
    List<Row> rows =
        data.where(w.gt(0))
            .points()
            .orderBy(key.desc())
            .select(data.features())
            .limit(n)
            .collectAsList();
    return distinct(Rows.matrix(rows, 0, data.dim()));
  }

  /** The distinct points, in first-seen order. */
  static double[][] distinct(double[][] points) {
    Set<List<Double>> seen = new LinkedHashSet<>();
    List<double[]> out = new ArrayList<>();
    for (double[] p : points) {
      List<Double> key = new ArrayList<>(p.length);
      for (double v : p) {
        key.add(v);
      }
      if (seen.add(key)) {
        out.add(p);
      }
    }
    return out.toArray(new double[0][]);
  }

  /** An independent seed for stream {@code stream} of {@code seed} (SplitMix64 finaliser). */
  static long derive(long seed, long stream) {
    long z = seed + (stream + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
