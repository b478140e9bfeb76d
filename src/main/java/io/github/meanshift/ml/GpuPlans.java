package io.github.meanshift.ml;

import io.github.meanshift.common.Columns;
import io.github.meanshift.common.NearestCentres;
import io.github.meanshift.shift.HaloBlurring;
import io.github.meanshift.shift.Kernel;
import io.github.meanshift.shift.PointSet;
import io.github.meanshift.shift.PointStats;
import io.github.meanshift.shift.Seeding;
import io.github.meanshift.shift.SqlShiftEngine;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The Spark SQL plans of a mean-shift fit's hot paths as a run on the GPU executes them (the SQL
 * engine), for checking where the RAPIDS Accelerator would place each operator: one pass over the
 * points, the seeding, the labels and the cluster sizes. Like such a run, the plans read the
 * points' internal columns from a Parquet copy (a CSV scan in FAILFAST mode, say, would not run on
 * the GPU, but a fit never iterates over it). Building the plans runs no iteration.
 */
public final class GpuPlans {
  private GpuPlans() {}

  /**
   * The plans of {@code model}'s fit on {@code dataset}, over a Parquet copy of its points written
   * under {@code workDir}. The pass takes the model's centres as its seeds (a pass's plan does not
   * depend on where the seeds are) and the neighbour search the fit ran.
   */
  public static Map<String, Dataset<?>> meanShift(
      MeanShiftModel model, Dataset<?> dataset, String workDir) {
    FeatureSpec spec = FeatureSpec.of(model, model.numFeatures());
    PointSet points = checkpoint(spec.hotFrame(dataset, model.getWeightCol()), spec, workDir);
    Kernel kernel = Kernel.fromName(model.getKernel());
    double h = model.getBandwidth();
    boolean grid =
        model.hasSummary()
            ? model.summary().neighbors().equals("grid")
            : model.getNeighbors().equals("grid");
    SqlShiftEngine sql =
        grid
            ? SqlShiftEngine.grid(points, kernel, h, model.getMaxPairsPerTask())
            : new SqlShiftEngine(points, kernel, h, model.getMaxPairsPerTask());
    double[][] seeds = model.clusterCenters();
    Map<String, Dataset<?>> plans = new LinkedHashMap<>();
    plans.put("iteration", sql.plan(seeds, 0, Math.min(seeds.length, sql.seedsPerBatch())));
    if (model.getAlgorithm().equals("blurring")) {
      plans.put("halo_pass", HaloBlurring.passPlan(points.hot(), spec.dim(), kernel, h));
    }
    if (model.getSeeds() == null) {
      plans.put(
          "seeding",
          model.getBinSeeding()
              ? Seeding.binSeedPlan(points, h, model.getMinBinFreq())
              : Seeding.allPointsPlan(points));
    }
    Dataset<Row> labelled =
        NearestCentres.assign(
            points.hot(),
            Columns.features(spec.dim()),
            model.clusterCenters(),
            model.maxDistance(),
            model.cellSide(),
            "_ms_label");
    plans.put("labels", labelled.select(Columns.named(Columns.PID), Columns.named("_ms_label")));
    plans.put("cluster_sizes", DistributedPoints.sizesPlan(labelled, Columns.named("_ms_label")));
    return plans;
  }

  /** {@code hot} (internal columns) written to Parquet under {@code workDir} and read back. */
  private static PointSet checkpoint(Dataset<Row> hot, FeatureSpec spec, String workDir) {
    String path = new Path(workDir, "gpu-plan-points").toString();
    hot.write().mode("overwrite").parquet(path);
    Dataset<Row> stored = hot.sparkSession().read().parquet(path);
    return new PointSet(stored, spec.names(), PointStats.compute(stored, spec.names(), null));
  }
}
