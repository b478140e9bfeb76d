package io.github.meanshift.shift;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.github.meanshift.common.ArrayTables;
import io.github.meanshift.common.BadInputException;
import io.github.meanshift.common.Cells;
import io.github.meanshift.common.Columns;
import io.github.meanshift.common.Rows;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Blurring mean shift whose point set is too large to broadcast: the current positions stay
 * partitioned across the executors, and every pass is a join on grid cells of twice the kernel's
 * cut-off in which each point meets the points of its own and adjacent cells (a halo: every source
 * point is sent to the adjacent cells within the cut-off of it, cells being twice the cut-off).
 * Sources at nearly the same place (one snap cell of side {@link
 * BlurringMeanShift#COLLAPSE_FRACTION}·h/√d, so within the collapse distance of each other) are
 * summed into one weighted source first, so that a collapsed cluster costs a pass one pair per
 * point, not one per pair of its points.
 *
 * <p>Blurring collapses each cluster onto a point within a few passes. As soon as the distinct snap
 * cells fit the broadcast budget, the run continues on them as weighted points through {@link
 * BlurringMeanShift} (whose stopping rule needs the whole partition), and each point takes the
 * label of its snap cell. Moving the points of a snap cell as one changes a position by at most the
 * collapse distance, 1e-3·h.
 */
public final class HaloBlurring {
  private HaloBlurring() {}

  /** Label column of {@link Result#labels()}. */
  public static final String LABEL = "_ms_label";

  /** Side of the join's cells, in kernel cut-offs. */
  static final double HALO_CELLS = 2.0;

  private static final String SNAP = "_ms_snap";
  private static final String KEY = "_ms_cell";
  private static final String SHIFT = "_ms_shift";
  private static final String COUNT = "_ms_count";

  /**
   * What a run found.
   *
   * @param clusters centres, the driver phase's labels of the snap cells, stop and every iteration
   * @param sizes points in each cluster
   * @param labels one row per distinct starting position: its internal feature columns and {@link
   *     #LABEL}
   * @param haloPasses passes made by the join before the cells fitted the budget
   * @param cells snap cells handed to the driver
   */
  public record Result(
      BlurringMeanShift.Result clusters,
      long[] sizes,
      Dataset<Row> labels,
      int haloPasses,
      long cells) {}

  /**
   * Runs blurring mean shift on {@code points} (rows of id {@link Columns#PID}, features, weight
   * {@link Columns#WEIGHT}).
   *
   * @param budgetBytes the snap cells go to the driver once {@code cells · d · 8} is at most this
   * @param store writes a frame under a name where every executor reads it (a Parquet checkpoint)
   *     and reads it back; a name written again replaces the earlier frame
   * @param engineOver the engine of the driver phase over weighted positions
   */
  public static Result run(
      Dataset<Row> points,
      int dim,
      Kernel kernel,
      double bandwidth,
      double tol,
      int maxIter,
      long budgetBytes,
      BiFunction<Dataset<Row>, String, Dataset<Row>> store,
      BiFunction<double[][], double[], ShiftEngine> engineOver,
      Consumer<IterationStats> log) {
    double snapSide = snapSide(dim, bandwidth);
    double cutSide = JvmShiftEngine.cellSide(kernel, bandwidth);
    long n = points.count();
    Column[] features = Columns.features(dim);
    Dataset<Row> current = points.select(position(features));
    List<IterationStats> history = new ArrayList<>();
    BlurringMeanShift.Stop stop = BlurringMeanShift.Stop.MAX_ITER;
    int passes = 0;
    while (true) {
      Dataset<Row> cells = store.apply(snapCells(current, features, snapSide), "halo-cells");
      long c = cells.count();
      boolean fits = c * dim * 8L <= budgetBytes;
      boolean done = passes >= maxIter || stop == BlurringMeanShift.Stop.TOLERANCE;
      if (fits || done) {
        if (!fits) {
          throw new BadInputException(
              "blurring mean shift stopped ("
                  + stop.name().toLowerCase(Locale.ROOT)
                  + ") after "
                  + passes
                  + " passes with "
                  + c
                  + " distinct positions, more than maxBroadcastBytes = "
                  + budgetBytes
                  + " lets the driver cluster; raise maxIter or maxBroadcastBytes");
        }
        return finish(
            points,
            current,
            cells,
            features,
            snapSide,
            dim,
            bandwidth,
            tol,
            maxIter - passes,
            done ? stop : null,
            history,
            passes,
            engineOver,
            log);
      }
      long start = System.nanoTime();
      Dataset<Row> next =
          store.apply(
              pass(current, cells, features, dim, kernel, bandwidth, cutSide),
              "halo-positions-" + (passes % 2));
      Row stats =
          next.agg(max(col(SHIFT)), sum(when(col(SHIFT).gt(tol * bandwidth), 1L).otherwise(0L)))
              .first();
      passes++;
      double maxShift = stats.isNullAt(0) ? 0 : stats.getDouble(0);
      long moving = stats.isNullAt(1) ? 0 : stats.getLong(1);
      IterationStats it =
          new IterationStats(passes, n, maxShift, moving, (System.nanoTime() - start) / 1e9);
      history.add(it);
      log.accept(it);
      current = next.drop(SHIFT);
      if (maxShift <= tol * bandwidth) {
        stop = BlurringMeanShift.Stop.TOLERANCE;
      }
    }
  }

  /**
   * The plan of one halo pass over {@code points} (id, features, weight), not executed: for
   * checking where each operator would run.
   */
  public static Dataset<Row> passPlan(
      Dataset<Row> points, int dim, Kernel kernel, double bandwidth) {
    Column[] features = Columns.features(dim);
    Dataset<Row> current = points.select(position(features));
    Dataset<Row> cells = snapCells(current, features, snapSide(dim, bandwidth));
    return pass(
        current,
        cells,
        features,
        dim,
        kernel,
        bandwidth,
        JvmShiftEngine.cellSide(kernel, bandwidth));
  }

  /** Side of the snap cells: their diagonal is the collapse distance. */
  private static double snapSide(int dim, double bandwidth) {
    return BlurringMeanShift.COLLAPSE_FRACTION * bandwidth / Math.sqrt(dim);
  }

  /** Id, features and weight of the current positions. */
  private static Column[] position(Column[] features) {
    Column[] cols = new Column[features.length + 2];
    cols[0] = col(Columns.PID);
    System.arraycopy(features, 0, cols, 1, features.length);
    cols[features.length + 1] = col(Columns.WEIGHT);
    return cols;
  }

  /** Rows (snap cell coordinates, mean position, total weight, points) of the current positions. */
  private static Dataset<Row> snapCells(Dataset<Row> current, Column[] features, double side) {
    int d = features.length;
    Column[] snap = Cells.coordinates(features, side);
    Column[] group = new Column[d];
    for (int j = 0; j < d; j++) {
      group[j] = snap[j].cast("long").as(SNAP + j);
    }
    Column[] aggs = new Column[d + 1];
    for (int j = 0; j < d; j++) {
      aggs[j] = avg(features[j]).as(Columns.feature(j));
    }
    aggs[d] = count(lit(1)).as(COUNT);
    return current.groupBy(group).agg(sum(col(Columns.WEIGHT)).as(Columns.WEIGHT), aggs);
  }

  /**
   * One pass: each current position moves to the kernel-weighted mean of the snap cells within its
   * cell's neighbourhood; column {@link #SHIFT} is how far it moved.
   */
  static Dataset<Row> pass(
      Dataset<Row> current,
      Dataset<Row> cells,
      Column[] features,
      int dim,
      Kernel kernel,
      double bandwidth,
      double cutSide) {
    Column[] src = new Column[dim];
    Column[] srcSelect = new Column[dim + 1];
    for (int j = 0; j < dim; j++) {
      srcSelect[j] = col(Columns.feature(j)).as("_ms_s" + j);
      src[j] = col("_ms_s" + j);
    }
    srcSelect[dim] = col(Columns.WEIGHT).as("_ms_sw");
    // Cells twice the cut-off: a source goes only to the adjacent cells it reaches (2^d of them
    // on average, not 3^d), so the join shuffles fewer rows; the pairs beyond the cut-off this
    // adds weigh zero.
    double side = HALO_CELLS * cutSide;
    Dataset<Row> sources =
        Cells.explodeWithin(
            cells.where(col(Columns.WEIGHT).gt(0)).select(srcSelect), src, side, cutSide, KEY);
    Dataset<Row> targets = current.withColumn(KEY, Cells.key(Cells.coordinates(features, side)));
    double h2 = bandwidth * bandwidth;
    Column d2 = null;
    Column[] diff = new Column[dim];
    for (int j = 0; j < dim; j++) {
      diff[j] = src[j].minus(features[j]);
      Column sq = diff[j].multiply(diff[j]);
      d2 = d2 == null ? sq : d2.plus(sq);
    }
    // A target without a source in reach (only zero weights around it) keeps its place: the left
    // join gives it one row of nulls, which the sums skip.
    Column kw =
        functions.coalesce(kernel.weight(d2.multiply(1.0 / h2)).multiply(col("_ms_sw")), lit(0.0));
    // Grouped by the cell key too: the join already partitioned the pairs by it, so the sums
    // need no second shuffle, and the target's own columns ride along instead of a join back.
    Column[] group = new Column[dim + 3];
    group[0] = col(KEY);
    group[1] = col(Columns.PID);
    for (int j = 0; j < dim; j++) {
      group[2 + j] = features[j];
    }
    group[dim + 2] = col(Columns.WEIGHT);
    Column[] aggs = new Column[dim];
    for (int j = 0; j < dim; j++) {
      aggs[j] = functions.coalesce(sum(kw.multiply(diff[j])), lit(0.0)).as("_ms_o" + j);
    }
    Dataset<Row> sums =
        targets.join(sources, KEY, "left").groupBy(group).agg(sum(kw).as("_ms_sk"), aggs);
    Column[] out = new Column[dim + 3];
    out[0] = col(Columns.PID);
    Column moved = col("_ms_sk").gt(0);
    Column s2 = null;
    for (int j = 0; j < dim; j++) {
      Column step = when(moved, col("_ms_o" + j).divide(col("_ms_sk"))).otherwise(lit(0.0));
      out[1 + j] = features[j].plus(step).as(Columns.feature(j));
      Column sq = step.multiply(step);
      s2 = s2 == null ? sq : s2.plus(sq);
    }
    out[dim + 1] = col(Columns.WEIGHT);
    out[dim + 2] = functions.sqrt(s2).as(SHIFT);
    return sums.select(out);
  }

  /**
   * The driver phase: the snap cells as weighted points through {@link BlurringMeanShift} (or, when
   * the passes already stopped, only its clustering), then each point's label from its cell's.
   */
  private static Result finish(
      Dataset<Row> points,
      Dataset<Row> current,
      Dataset<Row> cells,
      Column[] features,
      double snapSide,
      int dim,
      double bandwidth,
      double tol,
      int iterationsLeft,
      BlurringMeanShift.Stop stopped,
      List<IterationStats> history,
      int passes,
      BiFunction<double[][], double[], ShiftEngine> engineOver,
      Consumer<IterationStats> log) {
    List<Row> rows = cells.collectAsList();
    double[][] x = Rows.matrix(rows, dim + 1, dim);
    double[] w = Rows.column(rows, dim);
    long[] counts = new long[rows.size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = rows.get(i).getLong(2 * dim + 1);
    }
    BlurringMeanShift.Result run;
    if (stopped != null) {
      run = BlurringMeanShift.clustersOf(x, w, bandwidth, stopped, history);
    } else {
      int offset = passes;
      Consumer<IterationStats> renumbered = s -> log.accept(renumber(s, offset));
      BlurringMeanShift.Result driver =
          BlurringMeanShift.run(engineOver, x, w, bandwidth, tol, iterationsLeft, renumbered);
      List<IterationStats> all = new ArrayList<>(history);
      driver.iterations().forEach(s -> all.add(renumber(s, offset)));
      run = driver.withIterations(all);
    }
    int[] cellLabel = run.labels();
    long[] sizes = new long[run.centers().length];
    for (int i = 0; i < counts.length; i++) {
      sizes[cellLabel[i]] += counts[i];
    }
    double[][] keys = new double[rows.size()][dim];
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < dim; j++) {
        keys[i][j] = rows.get(i).getLong(j);
      }
    }
    Dataset<Row> cellTable =
        ArrayTables.of(points.sparkSession(), keys, 0, keys.length, "_ms_ci", SNAP)
            .withColumn(
                LABEL, functions.element_at(functions.lit(cellLabel), col("_ms_ci").plus(1)))
            .drop("_ms_ci");
    Column[] snap = Cells.coordinates(features, snapSide);
    Column on = null;
    Column[] withSnap = new Column[dim + 1];
    withSnap[0] = col(Columns.PID);
    for (int j = 0; j < dim; j++) {
      withSnap[1 + j] = snap[j].as("_ms_p" + j);
      Column eq = col("_ms_p" + j).equalTo(col(SNAP + j));
      on = on == null ? eq : on.and(eq);
    }
    Dataset<Row> keyed =
        current
            .select(withSnap)
            .join(functions.broadcast(cellTable), on)
            .select(col(Columns.PID), col(LABEL));
    Column[] out = new Column[dim + 1];
    for (int j = 0; j < dim; j++) {
      out[j] = col(Columns.feature(j));
    }
    out[dim] = col(LABEL);
    Dataset<Row> labels =
        points.join(keyed, Columns.PID).select(out).dropDuplicates(Columns.featureNames(dim));
    return new Result(run, sizes, labels, passes, rows.size());
  }

  private static IterationStats renumber(IterationStats s, int offset) {
    return new IterationStats(
        s.iteration() + offset, s.active(), s.maxShift(), s.stillMoving(), s.seconds());
  }
}
