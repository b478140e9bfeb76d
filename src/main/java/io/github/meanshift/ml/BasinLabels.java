package io.github.meanshift.ml;

import static org.apache.spark.sql.functions.col;

import io.github.meanshift.common.Columns;
import io.github.meanshift.common.NearestCentres;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Training labels by basin of attraction: each point takes the cluster of the mode its own seed
 * climbed to. With every distinct point a seed, the seed at the point's position (a broadcast table
 * of positions); otherwise the seed that started nearest to it (with bin seeding, its bin's; with a
 * sample or k-means centres, the nearest one's).
 */
final class BasinLabels {
  private BasinLabels() {}

  /**
   * The input with the prediction column of {@code model}: the basin's cluster. A seed that found
   * no points, and with clusterAll false a point farther than h from every centre, falls back to
   * the nearest-centre rule.
   *
   * @param owner the mode each seed went to (-1: none)
   */
  static Dataset<Row> predictions(
      Dataset<?> dataset, FeatureSpec spec, SeedPlan plan, int[] owner, MeanShiftModel model) {
    String basin = "_ms_basin";
    Dataset<Row> withBasin;
    if (plan.everyPoint()) {
      withBasin = PositionLabels.broadcast(dataset, spec, plan.positions(), owner, basin);
    } else {
      String seed = "_ms_seed";
      Dataset<Row> withSeed =
          NearestCentres.assign(
              dataset.toDF(),
              spec.columns(),
              plan.positions(),
              Double.POSITIVE_INFINITY,
              model.cellSide(),
              seed);
      withBasin =
          withSeed
              .withColumn(basin, functions.element_at(functions.lit(owner), col(seed).plus(1)))
              .drop(seed);
    }
    // the nearest mode's cluster (-1 beyond h with clusterAll false), the fallback
    Dataset<Row> both = model.transform(withBasin);
    String predictionCol = model.getPredictionCol();
    Column pred = col(predictionCol);
    Column basinCluster =
        functions
            .when(col(basin).lt(0), functions.lit(-1))
            .otherwise(
                functions.element_at(functions.lit(model.modeClusters()), col(basin).plus(1)));
    String[] names = dataset.columns();
    Column[] out = new Column[names.length + 1];
    for (int i = 0; i < names.length; i++) {
      out[i] = Columns.named(names[i]);
    }
    out[names.length] =
        functions
            .when(basinCluster.geq(0).and(pred.geq(0)), basinCluster)
            .otherwise(pred)
            .as(predictionCol);
    return both.select(out);
  }

  /** Rows per label of {@code predictions}: clusters 0..k-1, and the orphans (-1) last. */
  static long[] count(Dataset<Row> predictions, String predictionCol, int k) {
    long[] sizes = new long[k + 1];
    for (Row r : predictions.groupBy(col(predictionCol)).count().collectAsList()) {
      int l = r.getInt(0);
      sizes[l < 0 ? k : l] = r.getLong(1);
    }
    return sizes;
  }
}
