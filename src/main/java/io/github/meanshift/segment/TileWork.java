package io.github.meanshift.segment;

import java.io.Serializable;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tile after its Spark task: the core's local regions and original colours, kept (persisted) for
 * painting and the labels table, and the summary the driver merges.
 */
final class TileWork implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(TileWork.class);

  final TileGrid.Tile tile;
  final int[] labels;
  final int[] rgb;
  final TileSummary summary;

  private TileWork(TileGrid.Tile tile, int[] labels, int[] rgb, TileSummary summary) {
    this.tile = tile;
    this.labels = labels;
    this.rgb = rgb;
    this.summary = summary;
  }

  /** Reads the tile with its halo, filters its core and labels it (in a task, one thread). */
  static TileWork run(TileGrid.Tile tile, int tiles, PixelSource source, SegmentParams params) {
    long t0 = System.nanoTime();
    Raster raster = source.read(tile.read());
    long t1 = System.nanoTime();
    Modes modes = ModeFilter.filter(raster, tile.core(), params, false);
    long t2 = System.nanoTime();
    TileRegions regions = TileRegions.label(raster, modes, params, source.width());
    long t3 = System.nanoTime();
    TileSummary summary =
        new TileSummary(
            tile.index(), regions, modes, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    LOG.info(
        String.format(
            Locale.ROOT,
            "tile %d/%d %s (read %s): read %.2f s, filter %.2f s (%d climbs, %.2f steps a pixel),"
                + " label %.2f s, %d regions",
            tile.index() + 1,
            tiles,
            tile.core(),
            tile.read(),
            summary.readSeconds,
            summary.filterSeconds,
            summary.climbs,
            (double) summary.steps / tile.core().pixels(),
            summary.labelSeconds,
            regions.count()));
    return new TileWork(tile, regions.labels, raster.crop(tile.core()).rgb(), summary);
  }

  /** The final region of each core pixel. */
  int[] finalLabels(TileMerge.Result merged) {
    int[] map = merged.finalOf[tile.index()];
    int[] out = new int[labels.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = map[labels[i]];
    }
    return out;
  }
}
