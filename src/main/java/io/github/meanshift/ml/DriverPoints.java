package io.github.meanshift.ml;

import io.github.meanshift.common.CentreIndex;
import io.github.meanshift.common.Rows;
import io.github.meanshift.shift.Kernel;
import io.github.meanshift.shift.LocalShiftEngine;
import io.github.meanshift.shift.PointSet;
import io.github.meanshift.shift.PointStats;
import io.github.meanshift.shift.Seeding;
import io.github.meanshift.shift.ShiftEngine;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Points held in the driver's memory as rows of {@code x} with weights {@code w}: the engine is the
 * JVM loops on the driver's cores ({@link LocalShiftEngine}), and no step runs a Spark job.
 */
final class DriverPoints implements Points {
  final double[][] x;
  final double[] w;
  private final String[] names;
  private final PointStats stats;

  DriverPoints(double[][] x, double[] w, String[] names, PointStats stats) {
    this.x = x;
    this.w = w;
    this.names = names.clone();
    this.stats = stats;
  }

  /**
   * Points from rows of (id, features..., weight), checked: every feature finite, every weight
   * finite and non-negative, some weight positive.
   */
  static DriverPoints of(List<Row> rows, String[] names, String weightCol) {
    int d = names.length;
    double[][] x = Rows.matrix(rows, 1, d);
    double[] w = Rows.column(rows, 1 + d);
    return new DriverPoints(x, w, names, PointStats.of(x, w, names, weightCol));
  }

  @Override
  public PointStats stats() {
    return stats;
  }

  @Override
  public String[] featureNames() {
    return names.clone();
  }

  @Override
  public boolean onDriver() {
    return true;
  }

  /** All points if no more than {@code size}, else {@code size} distinct ones drawn uniformly. */
  @Override
  public DriverPoints sample(int size, long seed) {
    if (x.length <= size) {
      return this;
    }
    int[] idx = new Random(seed).ints(0, x.length).distinct().limit(size).toArray();
    double[][] sx = new double[idx.length][];
    double[] sw = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      sx[i] = x[idx[i]];
      sw[i] = w[idx[i]];
    }
    return new DriverPoints(sx, sw, names, PointStats.of(sx, sw));
  }

  @Override
  public DriverPoints collect() {
    return this;
  }

  @Override
  public Candidates distinctPositions(long limit) {
    return Candidates.of(Seeding.allPoints(x), limit);
  }

  @Override
  public Candidates binSeeds(double binSize, double minBinFreq, long limit) {
    return Candidates.of(Seeding.binSeeds(x, w, binSize, minBinFreq), limit);
  }

  @Override
  public double[][] weightedSample(int size, long seed) {
    return weightedSample(x, w, size, seed);
  }

  /** The rows of {@code x} with the {@code size} smallest keys -ln(u)/w, in key order. */
  static double[][] weightedSample(double[][] x, double[] w, int size, long seed) {
    Random rand = new Random(seed);
    double[] key = new double[x.length];
    List<Integer> order = new java.util.ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      double u = rand.nextDouble();
      key[i] = w[i] > 0 ? -Math.log(1 - u) / w[i] : Double.POSITIVE_INFINITY;
      if (w[i] > 0) {
        order.add(i);
      }
    }
    order.sort(java.util.Comparator.comparingDouble(i -> key[i]));
    return order.stream().limit(size).map(i -> x[i].clone()).toArray(double[][]::new);
  }

  @Override
  public Dataset<Row> frame(SparkSession spark) {
    return PointSet.fromArrays(spark, x, w, names, df -> df).hot();
  }

  @Override
  public ShiftEngine engine(
      EngineChoice choice, Kernel kernel, double bandwidth, long maxPairsPerTask) {
    return new LocalShiftEngine(x, w, stats, names, kernel, bandwidth, choice.grid);
  }

  @Override
  public ShiftEngine engineAt(
      double[][] positions,
      double[] weights,
      EngineChoice choice,
      Kernel kernel,
      double bandwidth,
      long maxPairsPerTask) {
    return new LocalShiftEngine(
        positions,
        weights,
        PointStats.of(positions, weights),
        names,
        kernel,
        bandwidth,
        choice.grid);
  }

  @Override
  public long[] clusterSizes(double[][] centers, double maxDistance, double cellSide) {
    CentreIndex index = new CentreIndex(centers, cellSide);
    int[] labels =
        IntStream.range(0, x.length)
            .parallel()
            .map(i -> index.nearest(x[i], maxDistance))
            .toArray();
    long[] sizes = new long[centers.length + 1];
    for (int l : labels) {
      sizes[l < 0 ? centers.length : l]++;
    }
    return sizes;
  }

  @Override
  public void close() {
    // plain arrays: nothing to release
  }

  @Override
  public String toString() {
    return stats.count() + " points, " + names.length + " features, held by the driver";
  }
}
