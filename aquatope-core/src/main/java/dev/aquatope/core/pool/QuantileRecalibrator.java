package dev.aquatope.core.pool;

import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.util.Checks;
import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Recalibrates the quantile levels of a forecaster's count forecasts online, from how its recent
 * forecasts covered what happened (the recalibration of Kuleshov et al., "Accurate Uncertainties
 * for Deep Learning Using Calibrated Regression", ICML 2018, over a sliding window).
 *
 * <p>For each past window it keeps the smallest level {@code u} at which the forecast, rounded to
 * a whole count as {@link ConcurrencyModel} does, covered the observed count {@code y}:
 * {@code u = Phi((y - 0.5 - mean) / std)} (for a point forecast, 0 if {@code mean >= y - 0.5},
 * else 1), with the weight {@code y}. A nominal level {@code p} is then mapped to the weighted
 * empirical {@code p}-quantile of the recent {@code u}: the forecast's quantile at that level
 * covered the windows of {@code p} of the recent invocations. Weighting by the count makes the
 * coverage that of invocations (what cold starts are counted on), not of windows: a sparse
 * function whose minutes are mostly empty is not pushed to prewarm nothing because the empty
 * minutes are "covered" at any level. A forecaster whose spread is too narrow gets higher
 * levels, one whose spread is too wide lower ones, so that a policy's quantile means the same
 * thing whichever model (or training run) produced the forecasts.
 *
 * <p>Until {@code minObservations} windows were observed (or while they had no invocation),
 * levels are returned unchanged. Levels
 * are kept inside {@code [1e-6, 1 - 1e-6]}. Mutable and not thread-safe: the scheduler confines
 * each instance to its ticks.
 */
public final class QuantileRecalibrator {
  private static final double EDGE = 1e-6;
  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  private final double[] ring;
  private final double[] weights;
  private final int minObservations;
  private int next;
  private int count;

  /**
   * A recalibrator over the last {@code window} observations.
   *
   * @param window how many recent windows are kept, {@code >= 1}
   * @param minObservations how many are needed before recalibrating, in {@code [1, window]}
   */
  public QuantileRecalibrator(int window, int minObservations) {
    Checks.positive("window", window);
    Checks.positive("minObservations", minObservations);
    if (minObservations > window) {
      throw new IllegalArgumentException("minObservations must be <= window (" + window + "), was " + minObservations);
    }
    this.ring = new double[window];
    this.weights = new double[window];
    this.minObservations = minObservations;
  }

  /**
   * Records how a forecast covered the count that was then observed.
   *
   * @param forecast the forecast made for the window
   * @param observed the window's observed count, finite, {@code >= 0}
   */
  public void observe(Forecast forecast, double observed) {
    Checks.notNull("forecast", forecast);
    Checks.nonNegative("observed", observed);
    double y = Math.rint(observed);
    double u;
    if (forecast.std() == 0) {
      u = forecast.mean() >= y - 0.5 ? 0 : 1;
    } else {
      u = STANDARD_NORMAL.cumulativeProbability((y - 0.5 - forecast.mean()) / forecast.std());
    }
    ring[next] = u;
    weights[next] = y;
    next = (next + 1) % ring.length;
    count = Math.min(count + 1, ring.length);
  }

  /**
   * How many observations are kept.
   *
   * @return the number, at most the window
   */
  public int size() {
    return count;
  }

  /**
   * The recalibrated levels.
   *
   * @param nominal levels in (0, 1)
   * @return for each, the empirical quantile of the recent coverage levels (the nominal levels
   *     unchanged while fewer than {@code minObservations} were observed), in {@code [1e-6, 1 - 1e-6]}
   */
  public double[] levels(double[] nominal) {
    Checks.notNull("nominal", nominal);
    double[] out = new double[nominal.length];
    for (int i = 0; i < nominal.length; i++) {
      Checks.openUnit("nominal[" + i + "]", nominal[i]);
      out[i] = nominal[i];
    }
    double total = 0;
    for (int i = 0; i < count; i++) {
      total += weights[i];
    }
    if (count < minObservations || total <= 0) {
      return out;
    }
    Integer[] order = new Integer[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(ring[a], ring[b]));
    for (int i = 0; i < out.length; i++) {
      // the smallest u with a weight fraction >= p at or below it
      double need = nominal[i] * total;
      double acc = 0;
      double level = ring[order[count - 1]];
      for (int k = 0; k < count; k++) {
        acc += weights[order[k]];
        if (acc >= need - 1e-9 * total) {
          level = ring[order[k]];
          break;
        }
      }
      // just above u, so that the forecast's quantile lands above y - 0.5 and rounds up to y
      out[i] = Math.min(1 - EDGE, Math.max(EDGE, level + 1e-9));
    }
    return out;
  }
}
