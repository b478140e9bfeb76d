package io.github.meanshift.segment;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Segmentation of a picture larger than one task's memory, in Spark tasks (after Orfeo ToolBox's
 * large-scale mean shift): each task reads one tile with a halo of {@link SegmentParams#halo}
 * pixels, filters and labels its core; the driver joins the regions across tile borders, fuses and
 * prunes on the picture's region graph ({@link TileMerge}); tasks then paint their tiles and emit
 * their labels. The regions equal those of {@link Segmenter} on the whole picture. No process holds
 * the whole picture: tasks hold a tile, the driver the region graph and one band of tiles while it
 * writes the pictures.
 */
public final class TiledSegmentation implements SegmentedPicture, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TiledSegmentation.class);

  /** Label columns of the labels table. */
  public static final StructType LABELS_SCHEMA =
      new StructType()
          .add(ImagePoints.X, DataTypes.IntegerType, false)
          .add(ImagePoints.Y, DataTypes.IntegerType, false)
          .add("segment", DataTypes.IntegerType, false);

  private final PixelSource source;
  private final TileGrid grid;
  private final JavaRDD<TileWork> tiles;
  private final Broadcast<TileMerge.Result> merged;
  private final RegionStats stats;
  private final Map<String, Double> seconds;
  private final Map<String, Number> counts;

  private TiledSegmentation(
      PixelSource source,
      TileGrid grid,
      JavaRDD<TileWork> tiles,
      Broadcast<TileMerge.Result> merged,
      RegionStats stats,
      Map<String, Double> seconds,
      Map<String, Number> counts) {
    this.source = source;
    this.grid = grid;
    this.tiles = tiles;
    this.merged = merged;
    this.stats = stats;
    this.seconds = seconds;
    this.counts = counts;
  }

  /**
   * Segments {@code source} in tiles of {@code tileSide} pixels. Close the result to release the
   * cached tiles.
   */
  public static TiledSegmentation run(
      SparkSession spark, PixelSource source, SegmentParams params, int tileSide) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    Map<String, Number> counts = new LinkedHashMap<>();
    TileGrid grid = new TileGrid(source.width(), source.height(), tileSide, params.halo());
    int n = grid.count();
    LOG.info(
        "{}: {}x{} pixels in {} tiles of {} (halo {} px), {}",
        source.describe(),
        source.width(),
        source.height(),
        n,
        tileSide,
        grid.halo(),
        params.describe());
    long t = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<TileWork> work =
        jsc.parallelize(grid.tiles(), n)
            .map(tile -> TileWork.run(tile, n, source, params))
            // On disk only: a memory level reads spilled blocks back into the heap, which is
            // what a picture larger than memory cannot afford (measured: out of heap at 1 GB).
            .persist(StorageLevel.DISK_ONLY());
    List<TileSummary> summaries;
    try {
      summaries = new ArrayList<>(work.map(w -> w.summary).collect());
    } catch (RuntimeException e) {
      work.unpersist(false);
      throw e;
    }
    summaries.sort(Comparator.comparingInt(s -> s.tile));
    t = Segmenter.phase(seconds, "tiles", t);
    double filter = 0;
    double label = 0;
    double read = 0;
    long climbs = 0;
    long steps = 0;
    for (TileSummary s : summaries) {
      filter += s.filterSeconds;
      label += s.labelSeconds;
      read += s.readSeconds;
      climbs += s.climbs;
      steps += s.steps;
    }
    seconds.put("tile_read", read);
    seconds.put("tile_filter", filter);
    seconds.put("tile_label", label);
    counts.put("tiles", n);
    counts.put("climbs", climbs);
    counts.put("mean_steps", (double) steps / ((double) source.width() * source.height()));
    TileMerge.Result result = TileMerge.merge(grid, summaries, params, seconds, counts);
    RegionStats stats = result.stats;
    LOG.info(
        "{} regions ({} labelled, {} after fusion) from {} tiles",
        stats.count(),
        counts.get("labelled"),
        counts.get("fused"),
        n);
    return new TiledSegmentation(source, grid, work, jsc.broadcast(result), stats, seconds, counts);
  }

  @Override
  public int width() {
    return source.width();
  }

  @Override
  public int height() {
    return source.height();
  }

  /** Number of regions. */
  @Override
  public int count() {
    return stats.count();
  }

  /** Pixels of each region. */
  @Override
  public long[] sizes() {
    return stats.size.clone();
  }

  /** Mean original colour of each region, packed RGB. */
  @Override
  public int[] colours() {
    return merged.value().colours.clone();
  }

  @Override
  public Map<String, Double> seconds() {
    return new LinkedHashMap<>(seconds);
  }

  @Override
  public Map<String, Number> counts() {
    return new LinkedHashMap<>(counts);
  }

  public TileGrid grid() {
    return grid;
  }

  /** The labels table {@code (x, y, segment)}, computed by the tasks from the cached tiles. */
  public Dataset<Row> labels(SparkSession spark) {
    Broadcast<TileMerge.Result> m = merged;
    JavaRDD<Row> rows = tiles.flatMap(w -> new LabelRows(w, m.value()));
    return spark.createDataFrame(rows, LABELS_SCHEMA);
  }

  /** Every pixel's region, row-major, gathered on the driver: for pictures that fit it (tests). */
  public int[] collectLabels() {
    int[] out = new int[Math.multiplyExact(width(), height())];
    Broadcast<TileMerge.Result> m = merged;
    for (Object[] t :
        tiles.map(w -> new Object[] {w.tile.core(), w.finalLabels(m.value())}).collect()) {
      Rect core = (Rect) t[0];
      int[] labels = (int[]) t[1];
      for (int row = 0; row < core.height(); row++) {
        System.arraycopy(
            labels, row * core.width(), out, (core.y() + row) * width() + core.x(), core.width());
      }
    }
    return out;
  }

  /**
   * Writes segmented.png, boundaries.png and (if {@code original} is not null) the original
   * picture, streaming one band of tiles at a time from the tasks.
   */
  public void writePictures(OutputStream segmented, OutputStream boundaries, OutputStream original)
      throws IOException {
    long t = System.nanoTime();
    Broadcast<TileMerge.Result> m = merged;
    try (PngWriter seg = new PngWriter(segmented, width(), height());
        PngWriter bnd = new PngWriter(boundaries, width(), height());
        PngWriter orig = original == null ? null : new PngWriter(original, width(), height())) {
      for (int band = 0; band < grid.rows(); band++) {
        final int b = band;
        int columns = grid.columns();
        // One tile a partition: the other bands' partitions are skipped without reading them.
        List<int[][]> parts =
            new ArrayList<>(
                tiles
                    .mapPartitionsWithIndex(
                        (index, it) -> {
                          List<int[][]> out = new ArrayList<>(1);
                          if (index / columns == b) {
                            while (it.hasNext()) {
                              out.add(paintTile(it.next(), m.value()));
                            }
                          }
                          return out.iterator();
                        },
                        false)
                    .collect());
        parts.sort(Comparator.comparingInt(p -> p[0][0]));
        int bandHeight = grid.tile(band * grid.columns()).core().height();
        int[] line = new int[width()];
        for (int row = 0; row < bandHeight; row++) {
          for (int layer = 1; layer <= 3; layer++) {
            if (layer == 3 && orig == null) {
              continue;
            }
            int x = 0;
            for (int[][] p : parts) {
              int tw = grid.tile(p[0][0]).core().width();
              System.arraycopy(p[layer], row * tw, line, x, tw);
              x += tw;
            }
            (layer == 1 ? seg : layer == 2 ? bnd : orig).row(line, 0);
          }
        }
        LOG.info("pictures: band {}/{} written", band + 1, grid.rows());
      }
    }
    Segmenter.phase(seconds, "pictures", t);
  }

  /** The rows {@code (x, y, segment)} of one tile, made as they are read. */
  private static final class LabelRows implements java.util.Iterator<Row> {
    private final int[] labels;
    private final Rect core;
    private int i;

    LabelRows(TileWork w, TileMerge.Result merged) {
      labels = w.finalLabels(merged);
      core = w.tile.core();
    }

    @Override
    public boolean hasNext() {
      return i < labels.length;
    }

    @Override
    public Row next() {
      Row r =
          RowFactory.create(core.x() + i % core.width(), core.y() + i / core.width(), labels[i]);
      i++;
      return r;
    }
  }

  /** Column index, the painted tile, the tile with its borders, and its original pixels. */
  private static int[][] paintTile(TileWork w, TileMerge.Result r) {
    int[] labels = w.finalLabels(r);
    Rect c = w.tile.core();
    int i = w.tile.index();
    return new int[][] {
      {w.tile.column()},
      RegionPainter.paint(labels, r.colours),
      RegionPainter.boundaries(
          labels, w.rgb, c.width(), c.height(), r.rightColumn[i], r.rowBelow[i], r.colours),
      w.rgb
    };
  }

  /**
   * The contingency table of the source's known regions (rows) against the regions (columns), or
   * null if the source knows none.
   */
  public long[][] contingency() {
    if (source.knownRegions() == 0) {
      return null;
    }
    Broadcast<TileMerge.Result> m = merged;
    PixelSource src = source;
    int rows = source.knownRegions();
    int cols = count();
    return tiles
        .map(
            w -> {
              int[] truth = src.truth(w.tile.core());
              int[] labels = w.finalLabels(m.value());
              Map<Long, Long> cells = new java.util.HashMap<>();
              for (int i = 0; i < labels.length; i++) {
                cells.merge((long) truth[i] * cols + labels[i], 1L, Long::sum);
              }
              return cells;
            })
        .collect()
        .stream()
        .reduce(
            new long[rows][cols],
            (table, cells) -> {
              cells.forEach((k, v) -> table[(int) (k / cols)][(int) (k % cols)] += v);
              return table;
            },
            (a, b) -> a);
  }

  /** Releases the cached tiles and the broadcast merge. */
  @Override
  public void close() {
    tiles.unpersist(false);
    merged.destroy();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "%s: %d regions in %d tiles", source.describe(), count(), grid.count());
  }
}
