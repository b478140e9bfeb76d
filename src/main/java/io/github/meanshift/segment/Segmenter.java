package io.github.meanshift.segment;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Comaniciu and Meer's segmentation of a picture held in memory: mean-shift filtering ({@link
 * ModeFilter}), region labelling ({@link TileRegions}), fusion and pruning ({@link RegionGraph}).
 * The tiled job ({@link TiledSegmentation}) runs the same steps tile by tile and ends in the same
 * regions.
 */
public final class Segmenter {
  private static final Logger LOG = LoggerFactory.getLogger(Segmenter.class);

  private Segmenter() {}

  /**
   * Segments {@code picture}.
   *
   * @param parallel filter on all the driver's cores (the common fork-join pool); false in tasks
   */
  public static Regions segment(Raster picture, SegmentParams params, boolean parallel) {
    Rect all = picture.area();
    if (all.x() != 0 || all.y() != 0) {
      throw new IllegalArgumentException("need a whole picture, got the rectangle " + all);
    }
    Map<String, Double> seconds = new LinkedHashMap<>();
    Map<String, Number> counts = new LinkedHashMap<>();
    long t = System.nanoTime();
    Modes modes = ModeFilter.filter(picture, all, params, parallel);
    t = phase(seconds, "filter", t);
    counts.put("mean_steps", modes.meanSteps());
    TileRegions tile = TileRegions.label(picture, modes, params, all.width());
    RegionGraph graph = new RegionGraph(tile.stats, tile.edges);
    t = phase(seconds, "label", t);
    counts.put("labelled", graph.count());
    finish(graph, params, seconds, counts, t);
    int[] labels = tile.labels;
    int[] regionOf = graph.regionOf();
    for (int i = 0; i < labels.length; i++) {
      labels[i] = regionOf[labels[i]];
    }
    LOG.info(
        "{} regions ({} labelled, {} after fusion), {}",
        graph.count(),
        counts.get("labelled"),
        counts.get("fused"),
        params.describe());
    return new Regions(all.width(), all.height(), labels, graph.stats(), seconds, counts);
  }

  /** Fusion and pruning on the picture's region graph, timed into {@code seconds}. */
  static void finish(
      RegionGraph graph,
      SegmentParams params,
      Map<String, Double> seconds,
      Map<String, Number> counts,
      long t) {
    counts.put("fusion_rounds", graph.fuse(params.fusion2()));
    counts.put("fused", graph.count());
    t = phase(seconds, "fuse", t);
    counts.put("prune_rounds", graph.prune(params.minRegion()));
    phase(seconds, "prune", t);
  }

  /** Records the seconds since {@code since} as {@code name} and returns now. */
  static long phase(Map<String, Double> seconds, String name, long since) {
    long now = System.nanoTime();
    seconds.merge(name, (now - since) / 1e9, Double::sum);
    LOG.info("{}: {} s", name, String.format(Locale.ROOT, "%.3f", (now - since) / 1e9));
    return now;
  }
}
