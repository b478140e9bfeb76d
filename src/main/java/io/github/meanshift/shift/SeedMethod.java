package io.github.meanshift.shift;

import io.github.meanshift.common.NamedEnum;

/** Where the standard algorithm's seeds start. */
public enum SeedMethod implements NamedEnum {
  /**
   * Bin seeding with binSeeding set, else every distinct point; when that gives more seeds than the
   * cap that follows from the seed cost budget (or maxSeeds), a weighted sample of the points.
   */
  AUTO,
  /** Every distinct point (scikit-learn's default): exact basins, cost n per seed. */
  POINTS,
  /** scikit-learn's bin seeding: one seed per grid cell of side h holding minBinFreq weight. */
  BINS,
  /** A sample of the points drawn with probability proportional to their weight. */
  SAMPLE,
  /** k-means|| centres (MLlib's KMeans, a few Lloyd iterations): spread over the data. */
  KMEANS;

  @Override
  public String toString() {
    return paramName();
  }
}
