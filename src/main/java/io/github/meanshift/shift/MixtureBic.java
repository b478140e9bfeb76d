package io.github.meanshift.shift;

/**
 * The Bayesian information criterion of a partition, as a full-covariance Gaussian mixture: the
 * mixture starts from the partition (one component per cluster: its share, mean and covariance),
 * runs a few EM steps, and scores {@code -2·log-likelihood + p·ln(n)} with {@code p = k·(d +
 * d(d+1)/2) + k − 1} parameters. Lower is better. A small ridge ({@link #RIDGE} of the data's mean
 * variance) keeps every covariance invertible.
 */
public final class MixtureBic {
  /** Covariance ridge, as a share of trace(cov(points))/d. */
  public static final double RIDGE = 1e-3;

  /** EM steps after the first M-step from the partition. */
  public static final int EM_STEPS = 10;

  private MixtureBic() {}

  /**
   * The BIC of {@code labels} (0..k-1, every label used) on {@code x}, a point of weight w counting
   * as w points.
   *
   * @param x points, one row each, all of one dimension
   * @param w weight of each point
   * @param labels cluster of each point
   */
  public static double of(double[][] x, double[] w, int[] labels) {
    int rows = x.length;
    int d = x[0].length;
    double n = 0;
    for (double v : w) {
      n += v;
    }
    int k = 0;
    for (int l : labels) {
      k = Math.max(k, l + 1);
    }
    double lambda = RIDGE * trace(x, w, n) / d;
    double[][] r = new double[rows][k];
    for (int i = 0; i < rows; i++) {
      r[i][labels[i]] = 1;
    }
    double logLikelihood = 0;
    double[][] logp = new double[rows][k];
    for (int step = 0; step <= EM_STEPS; step++) {
      for (int c = 0; c < k; c++) {
        double nc = 1e-12;
        double[] mu = new double[d];
        for (int i = 0; i < rows; i++) {
          double ri = r[i][c] * w[i];
          nc += ri;
          for (int j = 0; j < d; j++) {
            mu[j] += ri * x[i][j];
          }
        }
        for (int j = 0; j < d; j++) {
          mu[j] /= nc;
        }
        double[][] cov = new double[d][d];
        for (int i = 0; i < rows; i++) {
          double ri = r[i][c] * w[i];
          if (ri == 0) {
            continue;
          }
          for (int a = 0; a < d; a++) {
            double za = x[i][a] - mu[a];
            for (int b = 0; b <= a; b++) {
              cov[a][b] += ri * za * (x[i][b] - mu[b]);
            }
          }
        }
        for (int a = 0; a < d; a++) {
          for (int b = 0; b <= a; b++) {
            cov[a][b] /= nc;
          }
          cov[a][a] += lambda;
        }
        double[][] chol = cholesky(cov);
        double logDet = 0;
        for (int a = 0; a < d; a++) {
          logDet += Math.log(chol[a][a]);
        }
        double constant = Math.log(nc / n) - logDet - 0.5 * d * Math.log(2 * Math.PI);
        double[] z = new double[d];
        for (int i = 0; i < rows; i++) {
          // forward substitution: chol · z = x_i − mu
          double q = 0;
          for (int a = 0; a < d; a++) {
            double v = x[i][a] - mu[a];
            for (int b = 0; b < a; b++) {
              v -= chol[a][b] * z[b];
            }
            z[a] = v / chol[a][a];
            q += z[a] * z[a];
          }
          logp[i][c] = constant - 0.5 * q;
        }
      }
      logLikelihood = 0;
      for (int i = 0; i < rows; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          max = Math.max(max, logp[i][c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
          sum += Math.exp(logp[i][c] - max);
        }
        double lse = max + Math.log(sum);
        logLikelihood += w[i] * lse;
        for (int c = 0; c < k; c++) {
          r[i][c] = Math.exp(logp[i][c] - lse);
        }
      }
    }
    double p = k * (d + d * (d + 1) / 2.0) + (k - 1);
    return -2 * logLikelihood + p * Math.log(n);
  }

  /** Trace of the weighted covariance of the rows of {@code x} (total weight {@code n}). */
  private static double trace(double[][] x, double[] w, double n) {
    int d = x[0].length;
    double t = 0;
    for (int j = 0; j < d; j++) {
      double mean = 0;
      for (int i = 0; i < x.length; i++) {
        mean += w[i] * x[i][j];
      }
      mean /= n;
      double ss = 0;
      for (int i = 0; i < x.length; i++) {
        ss += w[i] * (x[i][j] - mean) * (x[i][j] - mean);
      }
      t += ss / Math.max(1, n - 1);
    }
    return t;
  }

  /** Lower Cholesky factor of a symmetric positive definite matrix (lower triangle given). */
  private static double[][] cholesky(double[][] a) {
    int d = a.length;
    double[][] l = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        l[i][j] = i == j ? Math.sqrt(Math.max(s, 1e-300)) : s / l[j][j];
      }
    }
    return l;
  }
}
