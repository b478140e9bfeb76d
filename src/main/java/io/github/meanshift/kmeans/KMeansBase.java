package io.github.meanshift.kmeans;

import io.github.meanshift.common.BadInputException;
import io.github.meanshift.common.Distances;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Input and settings shared by the k-means variants: the data with its numeric feature columns and
 * optional weight column, k, the iteration limit and tolerance, the seed, the initialisation
 * ({@code "k-means||"} or {@code "random"}, or given centres) and an optional Parquet checkpoint
 * path. Setters check their argument and return this.
 *
 * @param <T> the concrete variant, returned by the setters
 */
public abstract class KMeansBase<T extends KMeansBase<T>> {
  private final Dataset<Row> data;
  private final String[] featureCols;
  private String weightCol;
  private int k = 2;
  private int maxIter;
  private double tol = 1e-4;
  private long seed;
  private String initMode = KMeansInit.PARALLEL;
  private int initSteps = 2;
  private String checkpointPath;
  private double[][] initialCentres;

  /**
   * @param data the points, one row each
   * @param featureCols names of the numeric feature columns
   * @param defaultMaxIter the variant's default for {@link #setMaxIter}
   */
  protected KMeansBase(Dataset<Row> data, String[] featureCols, int defaultMaxIter) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    KMeansData.checkColumns(data.schema(), featureCols, null);
    this.data = data;
    this.featureCols = featureCols.clone();
    this.maxIter = defaultMaxIter;
  }

  @SuppressWarnings("unchecked")
  private T self() {
    return (T) this;
  }

  /**
   * Numeric column with each row's non-negative weight (default none: every row weighs 1); a row of
   * weight w counts as w rows.
   */
  public T setWeightCol(String weightCol) {
    if (weightCol != null) {
      KMeansData.checkColumns(data.schema(), featureCols, weightCol);
    }
    this.weightCol = weightCol;
    return self();
  }

  /** Number of clusters (default 2). */
  public T setK(int k) {
    this.k = checkK(k);
    return self();
  }

  /**
   * {@code k}, checked to be at least 1.
   *
   * @throws BadInputException if it is not
   */
  public static int checkK(int k) {
    if (k < 1) {
      throw new BadInputException("k must be at least 1, got " + k);
    }
    return k;
  }

  /** Largest number of iterations (Lloyd) or steps (mini-batch). */
  public T setMaxIter(int maxIter) {
    if (maxIter < 1) {
      throw new BadInputException("maxIter must be at least 1, got " + maxIter);
    }
    this.maxIter = maxIter;
    return self();
  }

  /**
   * Convergence tolerance (default 1e-4): the fit stops once no centre moved more than this
   * (Euclidean distance) in an iteration, as MLlib's KMeans does.
   */
  public T setTol(double tol) {
    if (!(tol >= 0)) {
      throw new BadInputException("tol must be a number >= 0, got " + tol);
    }
    this.tol = tol;
    return self();
  }

  /** Random seed of the initialisation and of the batches (default 0). */
  public T setSeed(long seed) {
    this.seed = seed;
    return self();
  }

  /** {@code "k-means||"} (default) or {@code "random"}. */
  public T setInitMode(String initMode) {
    this.initMode = KMeansInit.checkMode(initMode);
    return self();
  }

  /** Sampling rounds of k-means|| (default 2). */
  public T setInitSteps(int initSteps) {
    if (initSteps < 1) {
      throw new BadInputException("initSteps must be at least 1, got " + initSteps);
    }
    this.initSteps = initSteps;
    return self();
  }

  /**
   * A Parquet path the fit writes the points to once (overwriting it) and then scans on every pass;
   * the caller owns it and deletes it afterwards. Without one (the default) every pass recomputes
   * the input plan, which is fine when the input is itself a file scan.
   */
  public T setCheckpointPath(String checkpointPath) {
    this.checkpointPath = checkpointPath;
    return self();
  }

  /**
   * Start from these centres instead of initialising (null, the default, to initialise by
   * initMode); their number then takes the place of k.
   */
  public T setInitialCentres(double[][] centres) {
    if (centres != null) {
      checkCentres(centres, "initialCentres");
      this.initialCentres = deepCopy(centres);
    } else {
      this.initialCentres = null;
    }
    return self();
  }

  public int getK() {
    return k;
  }

  public int getMaxIter() {
    return maxIter;
  }

  public double getTol() {
    return tol;
  }

  public long getSeed() {
    return seed;
  }

  public String getInitMode() {
    return initMode;
  }

  public int getInitSteps() {
    return initSteps;
  }

  public String getWeightCol() {
    return weightCol;
  }

  public String getCheckpointPath() {
    return checkpointPath;
  }

  /** Names of the feature columns. */
  public String[] getFeatureCols() {
    return featureCols.clone();
  }

  /** The points as internal columns, not checkpointed (nothing runs). */
  KMeansData lazyData() {
    return KMeansData.of(data, featureCols, weightCol);
  }

  /** The points as internal columns, written to the checkpoint path when there is one. */
  KMeansData preparedData() {
    return lazyData().checkpoint(checkpointPath);
  }

  /** How the initial centres are chosen, for logs. */
  String describeInit() {
    return initialCentres != null ? "given" : "k=" + k + ", " + initMode + ", seed " + seed;
  }

  /** The given initial centres, or centres drawn by initMode. */
  double[][] initialCentres(KMeansData points) {
    if (initialCentres != null) {
      return deepCopy(initialCentres);
    }
    return KMeansInit.centres(points, initMode, k, initSteps, seed);
  }

  /** Checks that {@code centres} is non-empty with one value per feature in every centre. */
  void checkCentres(double[][] centres, String param) {
    if (centres == null || centres.length == 0) {
      throw new IllegalArgumentException(param + " must hold at least one centre");
    }
    for (double[] c : centres) {
      if (c == null || c.length != featureCols.length) {
        throw new IllegalArgumentException(
            param
                + ": every centre needs "
                + featureCols.length
                + " values (one per feature column), got "
                + (c == null ? "null" : c.length));
      }
    }
  }

  static double[][] deepCopy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }

  /** Largest Euclidean distance between matching centres of {@code a} and {@code b}. */
  static double largestMove(double[][] a, double[][] b) {
    double m = 0;
    for (int c = 0; c < a.length; c++) {
      m = Math.max(m, Math.sqrt(Distances.squared(a[c], b[c])));
    }
    return m;
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  static String seconds(long startNanos) {
    return String.format(Locale.ROOT, "%.3f", (System.nanoTime() - startNanos) / 1e9);
  }
}
