package io.github.meanshift.common;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Grid cells as Spark SQL columns, for joins that pair rows only with rows of nearby cells (the
 * grid neighbour search, the labelling of many centres): a position's cell is {@code ⌊x_j / side⌋}
 * per coordinate and its key a long hash of those integers. A key collision only pairs rows of far
 * cells, which the caller's distance test then discards.
 */
public final class Cells {
  private Cells() {}

  /** Integer cell coordinates ⌊x_j / side⌋ of a position. */
  public static Column[] coordinates(Column[] position, double side) {
    Column[] c = new Column[position.length];
    for (int j = 0; j < position.length; j++) {
      c[j] = functions.floor(position[j].divide(side));
    }
    return c;
  }

  /**
   * A long hash of integer cell coordinates (Spark's xxhash64, which never overflows: a wrapping
   * multiply-add fails under ANSI arithmetic, Spark 4's default).
   */
  public static Column key(Column[] cell) {
    Column[] longs = new Column[cell.length];
    for (int j = 0; j < cell.length; j++) {
      longs[j] = cell[j].cast("long");
    }
    return functions.xxhash64(longs);
  }

  /** Number of cells of a neighbourhood: the cell and its 3^d − 1 adjacent ones. */
  public static long neighbourhood(int dim) {
    long cells = 1;
    for (int j = 0; j < dim; j++) {
      cells *= 3;
    }
    return cells;
  }

  /**
   * Each row of {@code frame} once per cell of its neighbourhood (the cell of {@code position} and
   * its 3^d − 1 adjacent cells), with that cell's key in column {@code keyCol}.
   */
  public static Dataset<Row> explodeNeighbourhood(
      Dataset<Row> frame, Column[] position, double side, String keyCol) {
    return explode(frame, position, side, Double.POSITIVE_INFINITY, keyCol);
  }

  /**
   * Each row of {@code frame} once per cell of its neighbourhood that lies within {@code reach} of
   * {@code position} in every coordinate (its own cell always), with that cell's key in column
   * {@code keyCol}: a point within {@code reach} of any point of a cell reaches that cell's box, so
   * every such cell gets the row. With cells of side 2·reach a row goes to 2^d cells on average
   * instead of 3^d.
   *
   * @param side cell side, at least {@code reach}
   */
  public static Dataset<Row> explodeWithin(
      Dataset<Row> frame, Column[] position, double side, double reach, String keyCol) {
    if (!(side >= reach)) {
      throw new IllegalArgumentException("the cell side " + side + " is below the reach " + reach);
    }
    return explode(frame, position, side, reach, keyCol);
  }

  private static Dataset<Row> explode(
      Dataset<Row> frame, Column[] position, double side, double reach, String keyCol) {
    int dim = position.length;
    Column[] own = coordinates(position, side);
    Column[] neighbour = new Column[dim];
    Column id = col("_ms_nb");
    Column near = lit(true);
    long stride = 1;
    for (int j = 0; j < dim; j++) {
      Column offset = functions.pmod(id.divide(stride).cast("long"), lit(3L)).minus(1);
      neighbour[j] = own[j].plus(offset);
      if (Double.isFinite(reach)) {
        // Distance from the position to the lower and upper face of its own cell.
        Column below = position[j].minus(own[j].multiply(side));
        Column above = own[j].plus(1).multiply(side).minus(position[j]);
        near =
            near.and(
                functions
                    .when(offset.equalTo(-1), below.leq(reach))
                    .when(offset.equalTo(1), above.leq(reach))
                    .otherwise(lit(true)));
      }
      stride *= 3;
    }
    Dataset<Row> offsets =
        frame.sparkSession().range(0, neighbourhood(dim), 1, 1).withColumnRenamed("id", "_ms_nb");
    Dataset<Row> all = frame.crossJoin(offsets);
    if (Double.isFinite(reach)) {
      all = all.where(near);
    }
    return all.withColumn(keyCol, key(neighbour)).drop("_ms_nb");
  }
}
