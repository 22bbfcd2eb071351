package dev.aquatope.nn.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.util.Checks;
import java.util.Arrays;

/**
 * The inherent-noise model of the hybrid forecaster: the empirical distribution of the
 * out-of-sample residuals in {@code log1p} space of the calibration windows (the validation split
 * plus blocks held out of the prediction network's training), conditioned on the predicted level,
 * and a split-conformal dispersion for the predictive interval.
 *
 * <p><b>Why not one Gaussian noise variance.</b> The Uber recipe adds one noise variance
 * {@code eta^2} (the mean squared validation residual) to the MC variance. Invocation counts are
 * integers with long idle runs and bursts: the residual of a window predicted near 0 is either
 * exactly 0 or a jump of {@code log1p(count)}, while a busy window's residual is roughly symmetric.
 * One variance fits neither, and the point forecast that minimizes the expected SMAPE (0 or a
 * count?) depends on exactly this shape. So the noise model keeps the residuals themselves: for a
 * window whose MC mean is {@code m}, the predictive distribution of the count is
 * {@code round(max(0, expm1(m + r_i)))} over the residuals {@code r_i = log1p(y_i) - m_i} of the
 * {@code k} calibration windows whose MC mean {@code m_i} is nearest to {@code m}, dropping those
 * farther than {@value #LEVEL_RADIUS} in level beyond the nearest {@value #MIN_NEIGHBOURS} (a
 * nearest-neighbour, heteroscedastic version of "noise estimated from validation residuals"; the
 * radius keeps the firing minutes of a timer, a few dozen windows at one level, from being
 * outvoted by the idle minutes just below it).
 *
 * <p><b>Point forecast.</b> {@link Forecast#mean()} carries the whole count minimizing the
 * expected SMAPE under that distribution (candidates: 0 and every value the distribution takes).
 *
 * <p><b>Spread.</b> {@link Forecast#std()} is {@code sqrt(modelVar + phi (point + 1))}: the
 * variance of the MC samples in counts (model uncertainty) plus an overdispersed-Poisson inherent
 * noise variance, proportional to the expected count. Its dispersion {@code phi} is fitted by
 * Mondrian split-conformal calibration, with the predicted level as the taxonomy: the calibration
 * windows are cut into {@value #LEVEL_BINS} bins of equal size by their MC mean, and each bin
 * gets the smallest {@code phi} whose central 90% interval, built exactly as
 * {@link Forecast#quantile} builds it ({@code point +- z std}, truncated at 0), covers at least 90%
 * of the bin's windows (each calibration window's point computed without its own residual). Whole
 * counts make idle bins over-cover (an interval around a forecast of 0 covers every idle minute),
 * so all bins' dispersions are then scaled by one common factor in {@code [0, 1]}, the smallest
 * whose intervals cover 90% of all calibration windows: the bins set the shape of the noise across
 * levels (busy windows are not under-covered to pay for idle ones being over-covered by one global
 * dispersion), the common factor makes the overall coverage nominal.
 *
 * @param levels the calibration windows' MC means in {@code log1p} space, ascending
 * @param residuals the matching residuals {@code log1p(y) - m}
 * @param neighbours how many residuals form each window's distribution, {@code >= 1}
 * @param binEdges the {@code LEVEL_BINS - 1} ascending level boundaries of the calibration bins
 *     (a level {@code m} is in bin "number of edges {@code <= m}")
 * @param dispersions per bin, the noise dispersion {@code phi}, finite and {@code >= 0}
 */
record ResidualNoise(double[] levels, double[] residuals, int neighbours, double[] binEdges, double[] dispersions) {
  /** The central interval that is calibrated. */
  static final double LEVEL = 0.9;
  /** Neighbours farther than this in {@code log1p} level are dropped (beyond the nearest {@link #MIN_NEIGHBOURS}). */
  static final double LEVEL_RADIUS = 0.2;
  /** The nearest neighbours always kept. */
  static final int MIN_NEIGHBOURS = 20;
  /** Number of level bins of the Mondrian calibration. */
  static final int LEVEL_BINS = 5;
  private static final double MAX_DISPERSION = 1e12;
  private static final int BISECTIONS = 60;

  /** Validates and copies. */
  @JsonCreator
  ResidualNoise(@JsonProperty("levels") double[] levels, @JsonProperty("residuals") double[] residuals,
      @JsonProperty("neighbours") int neighbours, @JsonProperty("binEdges") double[] binEdges,
      @JsonProperty("dispersions") double[] dispersions) {
    Checks.notNull("levels", levels);
    Checks.notNull("residuals", residuals);
    if (levels.length == 0 || levels.length != residuals.length) {
      throw new IllegalArgumentException("levels and residuals must be non-empty and of equal length, were "
          + levels.length + " and " + residuals.length);
    }
    for (int i = 0; i < levels.length; i++) {
      Checks.finite("levels[" + i + "]", levels[i]);
      Checks.finite("residuals[" + i + "]", residuals[i]);
      if (i > 0 && levels[i] < levels[i - 1]) {
        throw new IllegalArgumentException("levels must be ascending, levels[" + i + "] was " + levels[i]
            + " after " + levels[i - 1]);
      }
    }
    Checks.positive("neighbours", neighbours);
    Checks.notNull("binEdges", binEdges);
    Checks.notNull("dispersions", dispersions);
    if (dispersions.length != binEdges.length + 1) {
      throw new IllegalArgumentException("dispersions must have one more entry than binEdges, had "
          + dispersions.length + " and " + binEdges.length);
    }
    for (int i = 0; i < binEdges.length; i++) {
      Checks.finite("binEdges[" + i + "]", binEdges[i]);
      if (i > 0 && binEdges[i] < binEdges[i - 1]) {
        throw new IllegalArgumentException("binEdges must be ascending, binEdges[" + i + "] was " + binEdges[i]
            + " after " + binEdges[i - 1]);
      }
    }
    for (int i = 0; i < dispersions.length; i++) {
      Checks.finite("dispersions[" + i + "]", dispersions[i]);
      Checks.nonNegative("dispersions[" + i + "]", dispersions[i]);
    }
    this.levels = levels.clone();
    this.residuals = residuals.clone();
    this.neighbours = neighbours;
    this.binEdges = binEdges.clone();
    this.dispersions = dispersions.clone();
  }

  /**
   * Fits the noise model on calibration windows (out-of-sample for the prediction network).
   *
   * @param meanLog per window, the MC mean in {@code log1p} space
   * @param modelVar per window, the variance of the MC samples in counts
   * @param actual per window, the actual count
   * @param neighbours residuals per predictive distribution (capped by the number of windows)
   * @return the model
   * @throws IllegalArgumentException if the arrays are empty, of different lengths or not finite
   */
  static ResidualNoise fit(double[] meanLog, double[] modelVar, double[] actual, int neighbours) {
    Checks.notNull("meanLog", meanLog);
    Checks.notNull("modelVar", modelVar);
    Checks.notNull("actual", actual);
    Checks.positive("neighbours", neighbours);
    int n = meanLog.length;
    if (n == 0 || actual.length != n || modelVar.length != n) {
      throw new IllegalArgumentException("meanLog, modelVar and actual must be non-empty and of equal length, were "
          + n + ", " + modelVar.length + " and " + actual.length);
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(meanLog[a], meanLog[b]));
    double[] levels = new double[n];
    double[] residuals = new double[n];
    double[] y = new double[n];
    double[] var = new double[n];
    for (int p = 0; p < n; p++) {
      int i = order[p];
      levels[p] = Checks.finite("meanLog[" + i + "]", meanLog[i]);
      y[p] = Checks.nonNegative("actual[" + i + "]", actual[i]);
      var[p] = Checks.nonNegative("modelVar[" + i + "]", modelVar[i]);
      residuals[p] = Math.log1p(y[p]) - levels[p];
    }
    int k = n == 1 ? 1 : Math.min(neighbours, n - 1);
    double[] points = new double[n];
    for (int p = 0; p < n; p++) {
      points[p] = smapeOptimal(n == 1 ? draws(levels[p], levels, residuals, 0, 1, -1)
          : leaveOneOut(levels, residuals, p, k));
    }
    int bins = Math.min(LEVEL_BINS, n);
    double[] edges = new double[bins - 1];
    for (int e = 0; e < edges.length; e++) {
      edges[e] = levels[(int) ((long) (e + 1) * n / bins)];
    }
    double global = dispersion(points, var, y);
    double[] phi = new double[bins];
    for (int bin = 0; bin < bins; bin++) {
      int from = 0;
      while (from < n && bin(edges, levels[from]) < bin) {
        from++;
      }
      int to = from;
      while (to < n && bin(edges, levels[to]) == bin) {
        to++;
      }
      phi[bin] = to == from ? global : dispersion(Arrays.copyOfRange(points, from, to),
          Arrays.copyOfRange(var, from, to), Arrays.copyOfRange(y, from, to));
    }
    // every bin covers >= LEVEL at scale 1; shrink all bins together to exactly LEVEL overall
    double[] phiOf = new double[n];
    for (int p = 0; p < n; p++) {
      phiOf[p] = phi[bin(edges, levels[p])];
    }
    double lo = 0;
    double hi = 1;
    if (coverage(points, var, y, phiOf, 0) >= LEVEL) {
      hi = 0;
    }
    for (int i = 0; i < BISECTIONS && hi > 0; i++) {
      double mid = 0.5 * (lo + hi);
      if (coverage(points, var, y, phiOf, mid) >= LEVEL) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    for (int bin = 0; bin < bins; bin++) {
      phi[bin] *= hi;
    }
    return new ResidualNoise(levels, residuals, k, edges, phi);
  }

  /** The calibration bin of level {@code m}: the number of edges {@code <= m}. */
  private static int bin(double[] edges, double m) {
    int b = 0;
    while (b < edges.length && edges[b] <= m) {
      b++;
    }
    return b;
  }

  /** The noise dispersion for a window of predicted level {@code meanLog}. */
  double dispersion(double meanLog) {
    return dispersions[bin(binEdges, meanLog)];
  }

  /** The smallest dispersion whose intervals cover {@link #LEVEL} of the windows (bisection). */
  private static double dispersion(double[] points, double[] var, double[] y) {
    if (coverage(points, var, y, 0) >= LEVEL) {
      return 0.0;
    }
    double lo = 0;
    double hi = 1;
    while (coverage(points, var, y, hi) < LEVEL) {
      if (hi >= MAX_DISPERSION) {
        return MAX_DISPERSION;
      }
      hi *= 4;
    }
    for (int i = 0; i < BISECTIONS; i++) {
      double mid = 0.5 * (lo + hi);
      if (coverage(points, var, y, mid) >= LEVEL) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  /** Share of windows inside their central {@link #LEVEL} interval for per-window dispersions {@code scale * phi[i]}. */
  private static double coverage(double[] points, double[] var, double[] y, double[] phi, double scale) {
    double pLo = (1 - LEVEL) / 2;
    double pHi = (1 + LEVEL) / 2;
    int inside = 0;
    for (int i = 0; i < points.length; i++) {
      Forecast f = Forecast.normal(points[i], std(points[i], var[i], scale * phi[i]));
      if (y[i] >= f.quantile(pLo) && y[i] <= f.quantile(pHi)) {
        inside++;
      }
    }
    return inside / (double) points.length;
  }

  /** Share of windows inside their forecast's central {@link #LEVEL} interval for dispersion {@code phi}. */
  static double coverage(double[] points, double[] var, double[] y, double phi) {
    double pLo = (1 - LEVEL) / 2;
    double pHi = (1 + LEVEL) / 2;
    int inside = 0;
    for (int i = 0; i < points.length; i++) {
      Forecast f = Forecast.normal(points[i], std(points[i], var[i], phi));
      if (y[i] >= f.quantile(pLo) && y[i] <= f.quantile(pHi)) {
        inside++;
      }
    }
    return inside / (double) points.length;
  }

  private static double std(double point, double modelVar, double phi) {
    return Math.sqrt(modelVar + phi * (point + 1));
  }

  /**
   * The forecast of a window from its MC samples.
   *
   * @param meanLog the samples' mean in {@code log1p} space
   * @param samples the samples mapped to counts (carried in the forecast; their variance is the
   *     model variance)
   * @return the forecast: SMAPE-optimal whole count, total std, the samples
   */
  Forecast forecast(double meanLog, double[] samples) {
    double point = smapeOptimal(distribution(meanLog));
    return new Forecast(point, std(point, variance(samples), dispersion(meanLog)), samples);
  }

  /** The sample variance (0 for fewer than two samples). */
  static double variance(double[] samples) {
    if (samples.length < 2) {
      return 0.0;
    }
    double mean = 0;
    for (double v : samples) {
      mean += v;
    }
    mean /= samples.length;
    double ss = 0;
    for (double v : samples) {
      ss += (v - mean) * (v - mean);
    }
    return ss / (samples.length - 1);
  }

  /** The predictive distribution of the count for MC mean {@code meanLog}: sorted whole counts. */
  double[] distribution(double meanLog) {
    int n = levels.length;
    int k = Math.min(neighbours, n);
    int at = Arrays.binarySearch(levels, meanLog);
    int pos = at >= 0 ? at : -at - 1;
    int from = Math.max(0, Math.min(pos - k / 2, n - k));
    return draws(meanLog, levels, residuals, from, from + k, -1);
  }

  private static double[] leaveOneOut(double[] levels, double[] residuals, int p, int k) {
    int n = levels.length;
    int from = Math.max(0, Math.min(p - k / 2, n - k - 1));
    return draws(levels[p], levels, residuals, from, from + k + 1, p);
  }

  /**
   * The counts {@code round(max(0, expm1(meanLog + r_i)))} of the candidates {@code [from, to)}
   * (minus {@code skip}), nearest level first, keeping those within {@link #LEVEL_RADIUS} of
   * {@code meanLog} but at least {@link #MIN_NEIGHBOURS} (or all candidates if fewer); sorted.
   */
  private static double[] draws(double meanLog, double[] levels, double[] residuals, int from, int to, int skip) {
    int total = to - from - (skip >= from && skip < to ? 1 : 0);
    int minKeep = Math.min(MIN_NEIGHBOURS, total);
    int right = from;
    while (right < to && levels[right] < meanLog) {
      right++;
    }
    int left = right - 1;
    double[] out = new double[total];
    int j = 0;
    while (j < total) {
      if (left == skip) {
        left--;
      }
      if (right == skip) {
        right++;
      }
      boolean takeLeft = left >= from && (right >= to || meanLog - levels[left] <= levels[right] - meanLog);
      int i = takeLeft ? left-- : right++;
      if (j >= minKeep && Math.abs(levels[i] - meanLog) > LEVEL_RADIUS) {
        break;
      }
      double c = Math.rint(Math.expm1(meanLog + residuals[i]));
      out[j++] = Double.isFinite(c) ? Math.max(0.0, c) : Double.MAX_VALUE / 4;
    }
    double[] kept = Arrays.copyOf(out, j);
    Arrays.sort(kept);
    return kept;
  }

  /**
   * The whole count minimizing the expected SMAPE {@code 2 |f - y| / (f + y)} (0 when both are
   * 0) when {@code y} is drawn uniformly from {@code sortedDraws}; ties go to the smaller count.
   *
   * @param sortedDraws outcomes, ascending, each a whole number {@code >= 0}; at least one
   * @return the point, one of 0 and the draws
   */
  static double smapeOptimal(double[] sortedDraws) {
    double best = 0;
    double bestLoss = expectedSmape(0, sortedDraws);
    double previous = 0;
    for (double f : sortedDraws) {
      if (f == previous) {
        continue;
      }
      previous = f;
      double loss = expectedSmape(f, sortedDraws);
      if (loss < bestLoss) {
        bestLoss = loss;
        best = f;
      }
    }
    return best;
  }

  /** The expected SMAPE of point {@code f} against equally likely {@code draws}. */
  static double expectedSmape(double f, double[] draws) {
    double sum = 0;
    for (double y : draws) {
      double d = f + y;
      sum += d == 0 ? 0 : 2 * Math.abs(f - y) / d;
    }
    return sum / draws.length;
  }
}
