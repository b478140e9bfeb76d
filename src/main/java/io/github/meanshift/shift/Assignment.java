package io.github.meanshift.shift;

import io.github.meanshift.common.NamedEnum;

/** How the training points get their cluster. */
public enum Assignment implements NamedEnum {
  /**
   * {@link #MODE} when the fit merged modes along density ridges and the seeds have basins (seeds
   * drawn from the data: every distinct point, bins, a sample or k-means centres; not given seeds),
   * else {@link #NEAREST}: measured best on 14 public data sets.
   */
  AUTO,
  /** The nearest mode (scikit-learn's way): Voronoi cells around the modes. */
  NEAREST,
  /**
   * The basin of attraction: the cluster of the mode the point's own seed climbed to (with every
   * distinct point a seed, exactly its own; with bin seeding, its bin's seed; with other seeds, the
   * nearest seed's). Boundaries follow the density's valleys instead of straight lines.
   */
  MODE;

  @Override
  public String toString() {
    return paramName();
  }
}
