package io.github.meanshift.ml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a fit keeps the data it reads many times: Parquet checkpoints in a private directory (read
 * back as plain file scans, which the GPU reads natively and which cut the lineage), or, when no
 * directory every executor can see is known, the executors' memory and disk. Closing it deletes the
 * directory or releases the cached data.
 */
final class WorkDir implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkDir.class);

  private final SparkSession spark;
  private final Path dir;
  private final java.util.Map<String, Dataset<Row>> cached = new java.util.HashMap<>();

  private WorkDir(SparkSession spark, Path dir) {
    this.spark = spark;
    this.dir = dir;
  }

  /**
   * Opens a work directory under {@code base}, or under Spark's checkpoint directory, or (local
   * mode) the system temporary directory; with none of these, checkpoints are cached instead.
   */
  static WorkDir open(SparkSession spark, String base) {
    String root = base;
    if (root == null && spark.sparkContext().getCheckpointDir().isDefined()) {
      root = spark.sparkContext().getCheckpointDir().get();
    }
    if (root == null && spark.sparkContext().isLocal()) {
      root = new java.io.File(System.getProperty("java.io.tmpdir")).toURI().toString();
    }
    if (root == null) {
      LOG.info(
          "no checkpoint directory set (checkpointDir or SparkContext.setCheckpointDir):"
              + " points are cached in executor memory and disk instead of Parquet");
      return new WorkDir(spark, null);
    }
    Path dir = new Path(root, "meanshift-" + UUID.randomUUID());
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.mkdirs(dir);
      fs.deleteOnExit(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create work directory " + dir, e);
    }
    return new WorkDir(spark, dir);
  }

  /**
   * Writes {@code df} as Parquet and returns the file scan (or caches it). A later call with the
   * same name replaces the earlier data.
   */
  Dataset<Row> materialize(Dataset<Row> df, String name) {
    if (dir == null) {
      Dataset<Row> c = df.persist(StorageLevel.MEMORY_AND_DISK());
      c.count();
      Dataset<Row> previous = cached.put(name, c);
      if (previous != null) {
        previous.unpersist(false);
      }
      return c;
    }
    String path = new Path(dir, name).toString();
    df.write().mode("overwrite").parquet(path);
    return spark.read().parquet(path);
  }

  /** Description for logs. */
  String where() {
    return dir == null ? "executor memory" : dir.toString();
  }

  @Override
  public void close() {
    for (Dataset<Row> c : cached.values()) {
      c.unpersist(false);
    }
    cached.clear();
    if (dir != null) {
      try {
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        fs.delete(dir, true);
        fs.cancelDeleteOnExit(dir);
      } catch (IOException e) {
        LOG.warn("could not delete work directory {}: {}", dir, e.toString());
      }
    }
  }
}
