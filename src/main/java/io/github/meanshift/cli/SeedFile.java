package io.github.meanshift.cli;

import io.github.meanshift.common.BadInputException;
import io.github.meanshift.io.InputData;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads a --seeds file: CSV or Parquet with the feature columns, one seed a row. */
final class SeedFile {
  /** Most seeds a file may hold (they are broadcast every iteration). */
  static final int MAX_SEEDS = 5_000_000;

  private SeedFile() {}

  static double[][] read(SparkSession spark, String path, String[] features) {
    InputData.Spec spec = new InputData.Spec();
    spec.path = path;
    spec.features = List.of(features);
    InputData seeds;
    try {
      seeds = InputData.read(spark, spec);
    } catch (BadInputException e) {
      throw new UsageException("--seeds: " + e.getMessage(), e);
    }
    List<Row> rows =
        seeds.frame().selectExpr(quoted(features)).limit(MAX_SEEDS + 1).collectAsList();
    if (rows.isEmpty()) {
      throw new UsageException("--seeds: " + path + " has no rows");
    }
    if (rows.size() > MAX_SEEDS) {
      throw new UsageException("--seeds: " + path + " has more than " + MAX_SEEDS + " rows");
    }
    double[][] out = new double[rows.size()][features.length];
    for (int i = 0; i < out.length; i++) {
      for (int j = 0; j < features.length; j++) {
        Object v = rows.get(i).get(j);
        double d = v == null ? Double.NaN : ((Number) v).doubleValue();
        if (!Double.isFinite(d)) {
          throw new UsageException(
              "--seeds: "
                  + path
                  + " row "
                  + (i + 1)
                  + " column '"
                  + features[j]
                  + "' is not finite");
        }
        out[i][j] = d;
      }
    }
    return out;
  }

  private static String[] quoted(String[] names) {
    String[] q = new String[names.length];
    for (int j = 0; j < names.length; j++) {
      q[j] = "CAST(`" + names[j].replace("`", "``") + "` AS DOUBLE)";
    }
    return q;
  }
}
