package io.github.meanshift.segment;

import java.util.Map;

/** A region segmentation's result, whether held by the driver or by tiles in Spark tasks. */
public interface SegmentedPicture {
  int width();

  int height();

  /** Number of regions. */
  int count();

  /** Pixels of each region, by region number (raster order of first pixels). */
  long[] sizes();

  /** Mean original colour of each region, packed RGB. */
  int[] colours();

  /** Seconds per phase. */
  Map<String, Double> seconds();

  /** Counts along the way (climbs, steps, regions after labelling and fusion, rounds). */
  Map<String, Number> counts();
}
