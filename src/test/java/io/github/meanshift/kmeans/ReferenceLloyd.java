package io.github.meanshift.kmeans;

/** Plain-Java weighted Lloyd iterations, the reference the Spark plans are checked against. */
final class ReferenceLloyd {
  private ReferenceLloyd() {}

  /**
   * {@code iterations} Lloyd iterations from {@code start} (no convergence test); a centre with no
   * points keeps its place. Returns the centres; {@code costOut[0]} receives the cost of the last
   * iteration against the centres it started from.
   */
  static double[][] run(
      double[][] points, double[] weights, double[][] start, int iterations, double[] costOut) {
    int k = start.length;
    int dim = start[0].length;
    double[][] c = KMeansBase.deepCopy(start);
    for (int it = 0; it < iterations; it++) {
      double[] w = new double[k];
      double[][] s = new double[k][dim];
      double cost = 0;
      for (int i = 0; i < points.length; i++) {
        double wi = weights == null ? 1 : weights[i];
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
          double d = 0;
          for (int f = 0; f < dim; f++) {
            double diff = points[i][f] - c[j][f];
            d += diff * diff;
          }
          if (d < bestD) {
            bestD = d;
            best = j;
          }
        }
        w[best] += wi;
        for (int f = 0; f < dim; f++) {
          s[best][f] += wi * points[i][f];
        }
        cost += wi * bestD;
      }
      for (int j = 0; j < k; j++) {
        if (w[j] > 0) {
          for (int f = 0; f < dim; f++) {
            c[j][f] = s[j][f] / w[j];
          }
        }
      }
      costOut[0] = cost;
    }
    return c;
  }
}
