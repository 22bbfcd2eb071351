package dev.aquatope.nn.model;

import dev.aquatope.core.model.Forecast;
import java.util.function.IntToDoubleFunction;

/**
 * Estimates the inherent noise variance {@code eta^2} (in {@code log1p} space) from the
 * validation residuals.
 *
 * <p>The Uber recipe takes the mean squared validation residual. Counts are integers and the
 * forecast is reported as a normal distribution in count space ({@link Forecast#quantile}), so the
 * log-normal-to-normal mapping of {@link McSummary} does not carry a log-space variance to the
 * intended count-space interval exactly. We therefore also find the noise variance whose central
 * 90% interval, built exactly as forecasts build it, covers 90% of the validation windows
 * (bisection: coverage only grows with the variance), and use the larger of the two. Taking the
 * larger guards against a validation split that is easier than what follows (e.g. a weekend of
 * idle minutes, where a zero forecast covers almost every window), which would otherwise shrink
 * the intervals for the busy days after it. The mean squared residual is also what
 * {@link TrainingSummary#validationRmseLog()} reports.
 */
final class NoiseCalibration {
  /** The central interval that is calibrated. */
  static final double LEVEL = 0.9;
  private static final int ITERATIONS = 40;

  private NoiseCalibration() {}

  /**
   * The calibrated noise variance.
   *
   * @param meanLog per validation window, the mean {@code log1p} of the MC samples
   * @param modelVar per window, the variance of the MC samples in {@code log1p} space
   * @param actual per window, the actual count
   * @param residualVar the mean squared residual in {@code log1p} space (Uber's estimate)
   * @return {@code eta^2 = max(residualVar, calibrated) >= 0}
   */
  static double calibrate(double[] meanLog, double[] modelVar, IntToDoubleFunction actual, double residualVar) {
    return Math.max(residualVar, coverageCalibrated(meanLog, modelVar, actual, residualVar));
  }

  private static double coverageCalibrated(double[] meanLog, double[] modelVar, IntToDoubleFunction actual,
      double residualVar) {
    if (meanLog.length == 0) {
      return residualVar;
    }
    double lo = 0;
    double hi = Math.max(residualVar, 1e-6);
    while (coverage(meanLog, modelVar, actual, hi) < LEVEL && hi < 100) {
      hi *= 2;
    }
    if (coverage(meanLog, modelVar, actual, lo) >= LEVEL) {
      return 0.0;
    }
    for (int i = 0; i < ITERATIONS; i++) {
      double mid = 0.5 * (lo + hi);
      if (coverage(meanLog, modelVar, actual, mid) >= LEVEL) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  /** Fraction of windows whose actual count lies in the central {@link #LEVEL} interval. */
  static double coverage(double[] meanLog, double[] modelVar, IntToDoubleFunction actual, double noiseVar) {
    double pLo = (1 - LEVEL) / 2;
    double pHi = (1 + LEVEL) / 2;
    int inside = 0;
    double[] none = new double[0];
    for (int k = 0; k < meanLog.length; k++) {
      Forecast f = McSummary.lognormal(meanLog[k], modelVar[k] + noiseVar, none);
      double a = actual.applyAsDouble(k);
      if (a >= f.quantile(pLo) && a <= f.quantile(pHi)) {
        inside++;
      }
    }
    return inside / (double) meanLog.length;
  }
}
