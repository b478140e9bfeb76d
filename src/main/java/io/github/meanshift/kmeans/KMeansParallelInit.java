package io.github.meanshift.kmeans;

import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.sum;

import io.github.meanshift.common.Labeler;
import io.github.meanshift.common.Rows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * k-means|| initialisation (Bahmani et al., "Scalable K-Means++", VLDB 2012) with DataFrame
 * operations, following MLlib's {@code KMeans.initKMeansParallel}: one point drawn at random, then
 * {@code initSteps} rounds that each keep every point with probability 2·k·w·d²/Σw·d² (d² to the
 * nearest candidate so far), then the candidates weighted by the data nearest to them (one {@link
 * ClusterSums} pass) and reduced to k on the driver by {@link LocalKMeansPlusPlus}.
 *
 * <p>MLlib keeps every point's cost in a cached RDD; here nothing is cached: each round recomputes
 * d² to all candidates so far (a {@code least} over a few dozen literals) in two scans, one for
 * Σw·d² and one for the draw. Unlike MLlib 3.5, which ignores instance weights during k-means||,
 * weights count in the draw and in the candidates' weights, so that a weight acts like duplicated
 * rows.
 */
final class KMeansParallelInit {
  private static final Logger LOG = LoggerFactory.getLogger(KMeansParallelInit.class);

  /** Lloyd iterations of the driver-side reduction, as in MLlib. */
  static final int LOCAL_ITERATIONS = 30;

  private KMeansParallelInit() {}

  /** k initial centres of {@code data} (fewer when it has fewer distinct points). */
  static double[][] run(KMeansData data, int k, int initSteps, long seed) {
    Dataset<Row> points = data.points();
    Column[] f = data.features();
    double[][] candidates = KMeansInit.weightedSample(data, 1, KMeansInit.derive(seed, 0));
    if (candidates.length == 0) {
      return candidates;
    }
    for (int step = 0; step < initSteps; step++) {
      long start = System.nanoTime();
      Column d2 = Labeler.nearestSquaredDistance(f, candidates);
      Column wd2 = data.weighted(d2);
      Row total = points.agg(sum(wd2)).first();
      double cost = total.isNullAt(0) ? 0 : total.getDouble(0);
      if (!(cost > 0)) {
        LOG.info("k-means|| step {}: every point is a candidate already", step + 1);
        break;
      }
      Column keep = rand(KMeansInit.derive(seed, step + 1)).lt(wd2.multiply(2.0 * k / cost));
      List<Row> chosen = points.where(keep).select(f).collectAsList();
      double[][] added = Rows.matrix(chosen, 0, data.dim());
      List<double[]> all = new ArrayList<>(Arrays.asList(candidates));
      all.addAll(Arrays.asList(added));
      candidates = KMeansInit.distinct(all.toArray(new double[0][]));
      LOG.info(
          "k-means|| step {}: cost {}, {} points drawn, {} candidates, {} s",
          step + 1,
          KMeansBase.fmt(cost),
          added.length,
          candidates.length,
          KMeansBase.seconds(start));
    }
    if (candidates.length <= k) {
      return candidates;
    }
    ClusterSums nearest =
        ClusterSums.collect(ClusterSums.plan(data, candidates), candidates.length, data.dim());
    double[] weights = new double[candidates.length];
    for (int c = 0; c < candidates.length; c++) {
      weights[c] = nearest.weight(c);
    }
    return LocalKMeansPlusPlus.run(candidates, weights, k, LOCAL_ITERATIONS, seed);
  }
}
