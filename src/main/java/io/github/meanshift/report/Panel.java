package io.github.meanshift.report;

/**
 * One scatter plot for {@link ClusterPlot}: points already projected to 2-D, the cluster of each
 * point, optional cluster centres and an optional subtitle. Immutable: the arrays are copied in and
 * out.
 *
 * <p>Build with {@link #of}, then add the optional parts with {@link #withCenters}, {@link
 * #withSubtitle} and {@link #withTitle}, which return new panels.
 */
public final class Panel {
  /** Label of a point that belongs to no cluster (orphan or noise); drawn in light grey. */
  public static final int ORPHAN = -1;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final double[][] points;
  private final int[] labels;
  private final double[][] centers;
  private final String subtitle;

  private Panel(
      String title,
      String xLabel,
      String yLabel,
      double[][] points,
      int[] labels,
      double[][] centers,
      String subtitle) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.points = points;
    this.labels = labels;
    this.centers = centers;
    this.subtitle = subtitle;
  }

  /**
   * A panel without centres or subtitle.
   *
   * @param title chart title
   * @param xLabel title of the horizontal axis
   * @param yLabel title of the vertical axis
   * @param points n×2 finite coordinates
   * @param labels cluster of each point: a cluster id {@code >= 0}, or {@link #ORPHAN}
   * @throws IllegalArgumentException if an argument is null, a point is not 2-D or not finite, the
   *     lengths of points and labels differ, or a label is below {@link #ORPHAN}
   */
  public static Panel of(
      String title, String xLabel, String yLabel, double[][] points, int[] labels) {
    requireText(title, "title");
    requireText(xLabel, "xLabel");
    requireText(yLabel, "yLabel");
    double[][] pts = copy2d(points, "points");
    if (labels == null) {
      throw new IllegalArgumentException("labels must not be null");
    }
    if (labels.length != pts.length) {
      throw new IllegalArgumentException(
          "labels has "
              + labels.length
              + " entries but there are "
              + pts.length
              + " points; they must match");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < ORPHAN) {
        throw new IllegalArgumentException(
            "labels[" + i + "] is " + labels[i] + "; a label must be >= 0 or " + ORPHAN);
      }
    }
    return new Panel(title, xLabel, yLabel, pts, labels.clone(), null, null);
  }

  /**
   * This panel with another title.
   *
   * @throws IllegalArgumentException if title is null
   */
  public Panel withTitle(String title) {
    requireText(title, "title");
    return new Panel(title, xLabel, yLabel, points, labels, centers, subtitle);
  }

  /**
   * This panel with cluster centres drawn on top of the points.
   *
   * @param centers k×2 finite coordinates, or null for none
   * @throws IllegalArgumentException if a centre is not 2-D or not finite
   */
  public Panel withCenters(double[][] centers) {
    double[][] c = centers == null ? null : copy2d(centers, "centers");
    return new Panel(title, xLabel, yLabel, points, labels, c, subtitle);
  }

  /**
   * This panel with a subtitle (legend text) printed below the chart; {@code \n} starts a new line.
   *
   * @param subtitle the text, or null or blank for none
   */
  public Panel withSubtitle(String subtitle) {
    String s = subtitle == null || subtitle.isBlank() ? null : subtitle.strip();
    return new Panel(title, xLabel, yLabel, points, labels, centers, s);
  }

  /** The chart title. */
  public String title() {
    return title;
  }

  /** The title of the horizontal axis. */
  public String xLabel() {
    return xLabel;
  }

  /** The title of the vertical axis. */
  public String yLabel() {
    return yLabel;
  }

  /** Number of points. */
  public int size() {
    return points.length;
  }

  /** A copy of the n×2 points. */
  public double[][] points() {
    return deepCopy(points);
  }

  /** A copy of the cluster labels, one per point. */
  public int[] labels() {
    return labels.clone();
  }

  /** A copy of the k×2 centres, or null when there are none. */
  public double[][] centers() {
    return centers == null ? null : deepCopy(centers);
  }

  /** The subtitle, or null when there is none. */
  public String subtitle() {
    return subtitle;
  }

  // Package-private views without copying, for ClusterPlot only.

  double x(int i) {
    return points[i][0];
  }

  double y(int i) {
    return points[i][1];
  }

  int label(int i) {
    return labels[i];
  }

  double[][] centersView() {
    return centers;
  }

  private static void requireText(String value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null (use \"\" for none)");
    }
  }

  private static double[][] copy2d(double[][] rows, String name) {
    if (rows == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      double[] row = rows[i];
      if (row == null || row.length != 2) {
        throw new IllegalArgumentException(
            name
                + "["
                + i
                + "] has "
                + (row == null ? "no" : Integer.toString(row.length))
                + " coordinates; points must be 2-D (project them first, see Projection)");
      }
      if (!Double.isFinite(row[0]) || !Double.isFinite(row[1])) {
        throw new IllegalArgumentException(
            name + "[" + i + "] = (" + row[0] + ", " + row[1] + ") is not finite");
      }
      out[i] = row.clone();
    }
    return out;
  }

  private static double[][] deepCopy(double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i].clone();
    }
    return out;
  }

  @Override
  public String toString() {
    return "Panel("
        + title
        + ", "
        + points.length
        + " points, "
        + (centers == null ? 0 : centers.length)
        + " centres)";
  }
}
