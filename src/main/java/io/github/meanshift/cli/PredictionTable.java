package io.github.meanshift.cli;

import io.github.meanshift.common.Clustering;
import io.github.meanshift.common.Columns;
import io.github.meanshift.io.InputData;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A clustering's predictions computed once: the columns the outputs read (id, features, truth,
 * weight, every prediction column so far) written to Parquet in the run's scratch directory and
 * read back, so that labels/, the metrics and the pictures do not each recompute the assignment
 * (and re-read a CSV input).
 */
final class PredictionTable {
  private PredictionTable() {}

  /** {@code c} with its predictions materialised under {@code workDir/name}. */
  static Clustering materialize(
      Clustering c, InputData data, String workDir, String name, String... otherPredictions) {
    Set<String> keep = new LinkedHashSet<>();
    keep.add(data.idCol());
    keep.addAll(List.of(data.features()));
    if (data.labelCol() != null) {
      keep.add(data.labelCol());
    }
    if (data.weightCol() != null) {
      keep.add(data.weightCol());
    }
    keep.addAll(List.of(otherPredictions));
    keep.add(c.predictionCol());
    List<Column> cols = new ArrayList<>();
    keep.forEach(k -> cols.add(Columns.named(k)));
    String path = new Path(workDir, name).toString();
    Dataset<Row> table = c.predictions().select(cols.toArray(new Column[0]));
    table.write().parquet(path);
    return c.withPredictions(table.sparkSession().read().parquet(path), c.predictionCol());
  }
}
