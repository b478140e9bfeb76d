package io.github.meanshift.common;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * Column references by exact name, so user column names with dots or spaces work; and the internal
 * columns every fit works on: a point id {@code _ms_pid}, plain double features {@code _ms_f0 …}
 * and a weight {@code _ms_w}.
 */
public final class Columns {
  /** Internal point id. */
  public static final String PID = "_ms_pid";

  /** Internal weight (1 unless sample weights are given). */
  public static final String WEIGHT = "_ms_w";

  private static final String FEATURE_PREFIX = "_ms_f";

  private Columns() {}

  /** The column named exactly {@code name} (quoted: no struct-field or dot parsing). */
  public static Column named(String name) {
    return functions.col("`" + name.replace("`", "``") + "`");
  }

  /** Internal name of feature {@code j}. */
  public static String feature(int j) {
    return FEATURE_PREFIX + j;
  }

  /** Internal feature names {@code _ms_f0 … _ms_f(d-1)}. */
  public static String[] featureNames(int dim) {
    String[] names = new String[dim];
    for (int j = 0; j < dim; j++) {
      names[j] = feature(j);
    }
    return names;
  }

  /** Internal feature columns {@code _ms_f0 … _ms_f(d-1)}. */
  public static Column[] features(int dim) {
    Column[] cols = new Column[dim];
    for (int j = 0; j < dim; j++) {
      cols[j] = functions.col(feature(j));
    }
    return cols;
  }
}
