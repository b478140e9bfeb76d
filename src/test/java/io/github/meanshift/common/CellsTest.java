package io.github.meanshift.common;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.meanshift.SparkTestBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The halo of a grid cell join: every row reaches exactly the adjacent cells whose box lies within
 * the reach of it in every coordinate, as a plain Java loop over the 3^d neighbours finds them.
 */
class CellsTest extends SparkTestBase {
  static final double SIDE = 2.0;
  static final double REACH = 1.0;

  @Test
  void aRowReachesExactlyTheCellsWithinReach() {
    Random rnd = new Random(5);
    int n = 400;
    int d = 2;
    List<Row> rows = new ArrayList<>();
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = (rnd.nextDouble() - 0.5) * 20;
      }
      rows.add(RowFactory.create(i, x[i][0], x[i][1]));
    }
    StructType schema =
        new StructType()
            .add("id", DataTypes.IntegerType)
            .add("x0", DataTypes.DoubleType)
            .add("x1", DataTypes.DoubleType);
    Dataset<Row> frame = spark.createDataFrame(rows, schema);
    Column[] position = {col("x0"), col("x1")};
    Dataset<Row> exploded =
        Cells.explodeWithin(frame, position, SIDE, REACH, "key").select(col("id"), col("key"));
    Map<Integer, Set<Long>> got = new HashMap<>();
    for (Row r : exploded.collectAsList()) {
      got.computeIfAbsent(r.getInt(0), k -> new HashSet<>()).add(r.getLong(1));
    }
    // The cells a plain loop finds, keyed by Spark in one query.
    List<Row> cells = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long c0 = (long) Math.floor(x[i][0] / SIDE);
      long c1 = (long) Math.floor(x[i][1] / SIDE);
      for (long o0 = -1; o0 <= 1; o0++) {
        for (long o1 = -1; o1 <= 1; o1++) {
          if (reaches(x[i][0], c0 + o0) && reaches(x[i][1], c1 + o1)) {
            cells.add(RowFactory.create(i, c0 + o0, c1 + o1));
          }
        }
      }
    }
    StructType cellSchema =
        new StructType()
            .add("id", DataTypes.IntegerType)
            .add("c0", DataTypes.LongType)
            .add("c1", DataTypes.LongType);
    Map<Integer, Set<Long>> expected = new HashMap<>();
    for (Row r :
        spark
            .createDataFrame(cells, cellSchema)
            .select(col("id"), Cells.key(new Column[] {col("c0"), col("c1")}))
            .collectAsList()) {
      expected.computeIfAbsent(r.getInt(0), k -> new HashSet<>()).add(r.getLong(1));
    }
    assertEquals(expected, got);
    long total = cells.size();
    assertEquals(total, exploded.count(), "each cell once");
    // Cells of twice the reach: 2^d cells a row on average, against 3^d for the whole
    // neighbourhood.
    double mean = (double) total / n;
    assertTrue(mean > 3 && mean < 5, "cells a row: " + mean);
  }

  @Test
  void cellsBelowTheReachAreRefused() {
    Column[] position = {col("x0")};
    assertThrows(
        IllegalArgumentException.class,
        () -> Cells.explodeWithin(spark.range(1).toDF(), position, 0.5, 1.0, "key"));
  }

  /** Whether coordinate {@code v} is within the reach of cell {@code c}'s interval. */
  private static boolean reaches(double v, long c) {
    double lo = c * SIDE;
    double hi = (c + 1) * SIDE;
    double gap = v < lo ? lo - v : v > hi ? v - hi : 0;
    return gap <= REACH;
  }
}
