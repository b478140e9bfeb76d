package io.github.meanshift.common;

import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The nearest centre of every row of a frame (the first on ties; -1 beyond {@code maxDistance}),
 * with a plan whose size does not grow with the number of centres, chosen by size:
 *
 * <ul>
 *   <li>up to {@link #EXPRESSION_CENTRES} centres: {@link Labeler#label}, one column expression (it
 *       also runs on a streaming frame);
 *   <li>more centres, in at most {@link #MAX_CELL_DIM} dimensions: a cell join. The centres are
 *       spread over the cells of their neighbourhoods (side {@code cellSide}) in a broadcast table,
 *       each row meets the centres of its own and adjacent cells, and the nearest one found within
 *       {@code cellSide} is the nearest of all (every centre that close is in those cells). Rows
 *       with none that close, and no {@code maxDistance} below {@code cellSide} to make them
 *       orphans, fall back to the full scan below;
 *   <li>otherwise: the full scan, the centres as one broadcast array that a higher-order function
 *       reads (the plan holds one array, not an expression per centre).
 * </ul>
 *
 * Every operator is a built-in (joins on long keys, min of a struct, array functions), so the
 * RAPIDS Accelerator can place the plans on the GPU. A session not set up for it ({@link
 * ArrayTables#forGpu}) labels more than {@link #EXPRESSION_CENTRES} centres in a Java loop per
 * partition instead (a {@link CentreIndex} of the broadcast centres, the same rule), which on CPUs
 * is many times faster than those plans.
 */
public final class NearestCentres {
  /** Most centres labelled by one expression with a term per centre. */
  public static final int EXPRESSION_CENTRES = Labeler.CHUNK;

  /** Highest dimension of the cell join (3^6 = 729 cells a centre). */
  public static final int MAX_CELL_DIM = 6;

  /**
   * Cell sizes the cell join tries: rows with no centre within the cell side go on to cells {@link
   * #LEVEL_FACTOR} times larger, up to this many sizes, then to the full scan.
   */
  public static final int LEVELS = 4;

  /** Each cell size of the cell join is this many times the previous one. */
  public static final double LEVEL_FACTOR = 4;

  /** Most rows of the broadcast table of centres spread over their neighbourhoods. */
  public static final long MAX_CELL_ROWS = 20_000_000L;

  private static final String ROW = "_ms_row";
  private static final String KEY = "_ms_ckey";
  private static final String CID = "_ms_cid";
  private static final String CENTRE = "_ms_c";
  private static final String BEST = "_ms_best";
  private static final String ALL = "_ms_centres";

  private NearestCentres() {}

  /**
   * {@code data}'s columns after {@code leading}, then each feature as a double column {@code
   * _ms_p<j>} (read back by {@link #positions}).
   */
  private static Dataset<Row> withPositions(
      Dataset<Row> data, Column[] features, Column... leading) {
    List<Column> keep = new ArrayList<>(List.of(leading));
    for (String c : data.columns()) {
      keep.add(Columns.named(c));
    }
    for (int j = 0; j < features.length; j++) {
      keep.add(features[j].cast("double").as("_ms_p" + j));
    }
    return data.select(keep.toArray(new Column[0]));
  }

  /** The position columns {@link #withPositions} adds. */
  private static Column[] positions(int d) {
    Column[] position = new Column[d];
    for (int j = 0; j < d; j++) {
      position[j] = col("_ms_p" + j);
    }
    return position;
  }

  /**
   * {@code data} with column {@code labelCol}: the index of the nearest of {@code centers} to the
   * point in {@code features}, or -1 when {@code maxDistance} is finite and exceeded.
   *
   * @param cellSide side of the cells of the cell join: large enough that most points have their
   *     centre within it (mean shift: the kernel's reach); NaN for no cell join
   */
  public static Dataset<Row> assign(
      Dataset<Row> data,
      Column[] features,
      double[][] centers,
      double maxDistance,
      double cellSide,
      String labelCol) {
    int d = features.length;
    if (centers.length <= EXPRESSION_CENTRES) {
      return data.withColumn(labelCol, Labeler.label(features, centers, maxDistance));
    }
    if (!ArrayTables.forGpu(data.sparkSession())) {
      return inMemory(data, features, centers, maxDistance, cellSide, labelCol);
    }
    boolean cells =
        d <= MAX_CELL_DIM
            && cellSide > 0
            && !Double.isInfinite(cellSide)
            && centers.length * Cells.neighbourhood(d) <= MAX_CELL_ROWS;
    if (!cells) {
      return withScan(data, features, centers, maxDistance, labelCol);
    }
    return cellJoin(data, features, centers, maxDistance, cellSide, labelCol);
  }

  /**
   * Off the GPU: each partition labels its rows with a {@link CentreIndex} of the broadcast centres
   * (a Java loop, where Spark would interpret the full scan's higher-order function row by row).
   */
  private static Dataset<Row> inMemory(
      Dataset<Row> data,
      Column[] features,
      double[][] centers,
      double maxDistance,
      double cellSide,
      String labelCol) {
    int d = features.length;
    String[] original = data.columns();
    Dataset<Row> withPositions = withPositions(data, features);
    int n = original.length;
    org.apache.spark.api.java.JavaSparkContext jsc =
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(
            data.sparkSession().sparkContext());
    org.apache.spark.broadcast.Broadcast<double[][]> shared = jsc.broadcast(centers);
    double side = Double.isNaN(cellSide) || Double.isInfinite(cellSide) ? Double.NaN : cellSide;
    org.apache.spark.api.java.JavaRDD<Row> labelled =
        withPositions
            .javaRDD()
            .mapPartitions(
                rows -> {
                  CentreIndex index = new CentreIndex(shared.value(), side);
                  double[] x = new double[d];
                  List<Row> out = new ArrayList<>();
                  while (rows.hasNext()) {
                    Row r = rows.next();
                    Object[] v = new Object[n + 1];
                    for (int i = 0; i < n; i++) {
                      v[i] = r.get(i);
                    }
                    boolean missing = false;
                    for (int j = 0; j < d; j++) {
                      missing |= r.isNullAt(n + j);
                      x[j] = missing ? 0 : r.getDouble(n + j);
                    }
                    v[n] = missing ? null : index.nearest(x, maxDistance);
                    out.add(org.apache.spark.sql.RowFactory.create(v));
                  }
                  return out.iterator();
                });
    org.apache.spark.sql.types.StructType schema =
        data.schema().add(labelCol, org.apache.spark.sql.types.DataTypes.IntegerType, true);
    return data.sparkSession().createDataFrame(labelled, schema);
  }

  private static Dataset<Row> cellJoin(
      Dataset<Row> data,
      Column[] features,
      double[][] centers,
      double maxDistance,
      double side,
      String labelCol) {
    int d = features.length;
    String[] original = data.columns();
    Column[] position = positions(d);
    List<Column> carried = new ArrayList<>();
    carried.add(col(ROW));
    for (String c : original) {
      carried.add(Columns.named(c));
    }
    for (int j = 0; j < d; j++) {
      carried.add(position[j]);
    }
    Column[] out = new Column[original.length + 1];
    for (int i = 0; i < original.length; i++) {
      out[i] = Columns.named(original[i]);
    }
    double extent = extent(centers);
    Dataset<Row> pending =
        withPositions(data, features, functions.monotonically_increasing_id().as(ROW));
    Dataset<Row> labelled = null;
    double s = side;
    for (int level = 0; level < LEVELS; level++, s *= LEVEL_FACTOR) {
      Dataset<Row> best = bestInCells(pending, original, position, centers, s);
      Column bestD2 = col(BEST + ".d2");
      Column found = bestD2.isNotNull().and(bestD2.leq(lit(s * s)));
      Column cid = col(BEST + ".cid");
      if (!Double.isInfinite(maxDistance)) {
        cid = when(bestD2.leq(lit(maxDistance * maxDistance)), cid).otherwise(lit(-1));
      }
      if (!Double.isInfinite(maxDistance) && maxDistance <= s) {
        // Every centre within maxDistance is in the row's cells: none found is an orphan.
        out[original.length] = when(found, cid).otherwise(lit(-1)).as(labelCol);
        return union(labelled, best.select(out));
      }
      out[original.length] = cid.as(labelCol);
      labelled = union(labelled, best.where(found).select(out));
      pending = best.where(functions.not(found)).select(carried.toArray(new Column[0]));
      if (s > LEVEL_FACTOR * extent) {
        break; // coarser cells would hold every centre: the scan is as cheap
      }
    }
    // The rows still without a centre in their cells (far from every centre): the full scan.
    Dataset<Row> withAll = pending.crossJoin(broadcast(centresArray(data, centers)));
    out[original.length] = scanLabel(position, centers.length, maxDistance)[0].as(labelCol);
    return union(labelled, withAll.select(out));
  }

  private static Dataset<Row> union(Dataset<Row> a, Dataset<Row> b) {
    return a == null ? b : a.union(b);
  }

  /** The largest side of the centres' bounding box. */
  private static double extent(double[][] centers) {
    double extent = 0;
    for (int j = 0; j < centers[0].length; j++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double[] c : centers) {
        lo = Math.min(lo, c[j]);
        hi = Math.max(hi, c[j]);
      }
      extent = Math.max(extent, hi - lo);
    }
    return extent;
  }

  /**
   * {@code rows} (row id, {@code original} columns, positions) with {@link #BEST}: the nearest
   * centre among those of the row's own and adjacent cells of side {@code side}, as a struct (d2,
   * cid), null when those cells hold none.
   */
  private static Dataset<Row> bestInCells(
      Dataset<Row> rows, String[] original, Column[] position, double[][] centers, double side) {
    int d = position.length;
    Dataset<Row> keyed = rows.withColumn(KEY, Cells.key(Cells.coordinates(position, side)));
    Column[] centre = new Column[d];
    for (int j = 0; j < d; j++) {
      centre[j] = col(CENTRE + j);
    }
    Dataset<Row> table =
        Cells.explodeNeighbourhood(
            ArrayTables.of(rows.sparkSession(), centers, 0, centers.length, CID, CENTRE),
            centre,
            side,
            KEY);
    Column d2 = null;
    for (int j = 0; j < d; j++) {
      Column diff = position[j].minus(centre[j]);
      d2 = d2 == null ? diff.multiply(diff) : d2.plus(diff.multiply(diff));
    }
    // Rows with no centre in their cells keep a null best (left join).
    Dataset<Row> pairs =
        keyed
            .join(broadcast(table), keyed.col(KEY).equalTo(table.col(KEY)), "left_outer")
            .drop(table.col(KEY));
    List<Column> firsts = new ArrayList<>();
    for (String c : original) {
      firsts.add(functions.first(Columns.named(c)).as(c));
    }
    for (int j = 0; j < d; j++) {
      firsts.add(functions.first(position[j]).as("_ms_p" + j));
    }
    firsts.add(
        functions
            .min(
                when(col(CID).isNull(), lit(null))
                    .otherwise(functions.struct(d2.as("d2"), col(CID).as("cid"))))
            .as(BEST));
    return pairs
        .groupBy(col(ROW))
        .agg(firsts.get(0), firsts.subList(1, firsts.size()).toArray(new Column[0]));
  }

  /** {@code data} with the full-scan label. */
  private static Dataset<Row> withScan(
      Dataset<Row> data,
      Column[] features,
      double[][] centers,
      double maxDistance,
      String labelCol) {
    String[] original = data.columns();
    Column[] position = positions(features.length);
    Dataset<Row> withAll =
        withPositions(data, features).crossJoin(broadcast(centresArray(data, centers)));
    Column[] out = new Column[original.length + 1];
    for (int i = 0; i < original.length; i++) {
      out[i] = Columns.named(original[i]);
    }
    out[original.length] = scanLabel(position, centers.length, maxDistance)[0].as(labelCol);
    return withAll.select(out);
  }

  /** A one-row table: the centres, row-major, as one array column. */
  private static Dataset<Row> centresArray(Dataset<Row> data, double[][] centers) {
    int d = centers[0].length;
    double[] flat = new double[centers.length * d];
    for (int c = 0; c < centers.length; c++) {
      System.arraycopy(centers[c], 0, flat, c * d, d);
    }
    if (!ArrayTables.forGpu(data.sparkSession())) {
      // a local relation: its plan does not print the array (see ArrayTables)
      org.apache.spark.sql.types.StructType schema =
          new org.apache.spark.sql.types.StructType()
              .add(
                  ALL,
                  org.apache.spark.sql.types.DataTypes.createArrayType(
                      org.apache.spark.sql.types.DataTypes.DoubleType, false),
                  false);
      List<Row> one =
          List.of(
              org.apache.spark.sql.RowFactory.create(
                  java.util.Arrays.stream(flat).boxed().toList()));
      return data.sparkSession().createDataFrame(one, schema);
    }
    return data.sparkSession().range(0, 1, 1, 1).select(lit(flat).as(ALL));
  }

  /**
   * The full-scan label over the array column of centres: the squared distance to every centre by a
   * higher-order function, their minimum, the first position holding it.
   */
  private static Column[] scanLabel(Column[] position, int m, double maxDistance) {
    int d = position.length;
    Column all = col(ALL);
    Column distances =
        functions.transform(
            functions.sequence(lit(0), lit(m - 1)),
            i -> {
              Column s = null;
              for (int j = 0; j < d; j++) {
                Column diff = position[j].minus(element_at(all, i.multiply(d).plus(j + 1)));
                s = s == null ? diff.multiply(diff) : s.plus(diff.multiply(diff));
              }
              return s;
            });
    Column best = array_min(distances);
    Column label = array_position(distances, best).minus(1).cast("int");
    if (!Double.isInfinite(maxDistance)) {
      label = when(best.leq(lit(maxDistance * maxDistance)), label).otherwise(lit(-1));
    }
    return new Column[] {label, best};
  }
}
