package io.github.meanshift.segment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A finished segmentation held by the driver: each pixel's region (row-major, numbered in raster
 * order of the regions' first pixels), the regions' sizes and mean colours, and how it went.
 */
public final class Regions implements SegmentedPicture {
  private final int width;
  private final int height;
  private final int[] labels;
  private final long[] sizes;
  private final int[] colours;
  private final Map<String, Double> seconds;
  private final Map<String, Number> counts;

  Regions(
      int width,
      int height,
      int[] labels,
      RegionStats stats,
      Map<String, Double> seconds,
      Map<String, Number> counts) {
    this.width = width;
    this.height = height;
    this.labels = labels;
    this.sizes = stats.size.clone();
    this.colours = new int[stats.count()];
    for (int k = 0; k < colours.length; k++) {
      colours[k] = stats.meanColour(k);
    }
    this.seconds = new LinkedHashMap<>(seconds);
    this.counts = new LinkedHashMap<>(counts);
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  /** Number of regions. */
  @Override
  public int count() {
    return sizes.length;
  }

  /** The region of each pixel, row-major ({@code labels[y * width + x]}); shared, not copied. */
  public int[] labels() {
    return labels;
  }

  /** Pixels of each region. */
  @Override
  public long[] sizes() {
    return sizes.clone();
  }

  /** Mean original colour of each region, packed RGB. */
  @Override
  public int[] colours() {
    return colours.clone();
  }

  /** Seconds per phase: filter, label, fuse, prune (and read, merge, paint where they ran). */
  @Override
  public Map<String, Double> seconds() {
    return new LinkedHashMap<>(seconds);
  }

  /**
   * Counts along the way: mean_steps of a climb, regions after labelling (labelled), after fusion
   * (fused), fusion and pruning rounds, tiles.
   */
  @Override
  public Map<String, Number> counts() {
    return new LinkedHashMap<>(counts);
  }
}
