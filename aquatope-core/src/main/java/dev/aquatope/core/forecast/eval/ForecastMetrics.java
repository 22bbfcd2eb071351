package dev.aquatope.core.forecast.eval;

import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.util.Checks;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Accuracy of one-step forecasts against the actual counts. Point predictions are the forecasts'
 * {@link Forecast#mean()}.
 */
public final class ForecastMetrics {
  private ForecastMetrics() {}

  /**
   * Symmetric mean absolute percentage error, as a fraction in {@code [0, 2]}: the mean over
   * windows of {@code |f - y| / ((|f| + |y|) / 2)}, a window with {@code f = y = 0} counting as 0.
   *
   * @param forecasts one per window
   * @param actual the actual counts, same length
   * @return the SMAPE (multiply by 100 for percent)
   * @throws IllegalArgumentException if the lengths differ or are zero
   */
  public static double smape(List<Forecast> forecasts, double[] actual) {
    return smape(forecasts, actual, false);
  }

  /**
   * SMAPE of the forecasts' means rounded to the nearest integer (halves up), i.e. of the count a
   * platform would provision from the mean. Counts are integers, so this measure does not punish a
   * forecast of 0.001 for an idle window with the maximal 200% that {@link #smape} gives it.
   *
   * @param forecasts one per window
   * @param actual the actual counts, same length
   * @return the SMAPE of the rounded means, a fraction in [0, 2]
   * @throws IllegalArgumentException if the lengths differ or are zero
   */
  public static double smapeOfRounded(List<Forecast> forecasts, double[] actual) {
    return smape(forecasts, actual, true);
  }

  private static double smape(List<Forecast> forecasts, double[] actual, boolean round) {
    check(forecasts, actual);
    double sum = 0;
    for (int i = 0; i < actual.length; i++) {
      double f = forecasts.get(i).mean();
      if (round) {
        f = Math.floor(f + 0.5);
      }
      double y = actual[i];
      double denominator = (Math.abs(f) + Math.abs(y)) / 2;
      sum += denominator == 0 ? 0.0 : Math.abs(f - y) / denominator;
    }
    return sum / actual.length;
  }

  /**
   * Mean absolute error of the forecasts' means.
   *
   * @param forecasts one per window
   * @param actual the actual counts, same length
   * @return the MAE
   * @throws IllegalArgumentException if the lengths differ or are zero
   */
  public static double mae(List<Forecast> forecasts, double[] actual) {
    check(forecasts, actual);
    double sum = 0;
    for (int i = 0; i < actual.length; i++) {
      sum += Math.abs(forecasts.get(i).mean() - actual[i]);
    }
    return sum / actual.length;
  }

  /**
   * The fraction of windows whose actual count lies in the forecast's central interval
   * {@code [quantile((1 - level) / 2), quantile((1 + level) / 2)]} (bounds included).
   *
   * @param forecasts one per window
   * @param actual the actual counts, same length
   * @param level the interval's nominal probability, in (0, 1), e.g. 0.9
   * @return the coverage, or empty if every forecast is a point forecast (std 0, no samples)
   * @throws IllegalArgumentException if the lengths differ or are zero, or {@code level} is not in (0, 1)
   */
  public static OptionalDouble coverage(List<Forecast> forecasts, double[] actual, double level) {
    check(forecasts, actual);
    Checks.openUnit("level", level);
    if (allPoint(forecasts)) {
      return OptionalDouble.empty();
    }
    double lo = (1 - level) / 2;
    double hi = (1 + level) / 2;
    int inside = 0;
    for (int i = 0; i < actual.length; i++) {
      Forecast f = forecasts.get(i);
      if (actual[i] >= f.quantile(lo) && actual[i] <= f.quantile(hi)) {
        inside++;
      }
    }
    return OptionalDouble.of((double) inside / actual.length);
  }

  /** Whether every forecast has std 0 and no samples (a point forecaster). */
  public static boolean allPoint(List<Forecast> forecasts) {
    for (Forecast f : forecasts) {
      if (f.std() > 0 || f.samples().length > 0) {
        return false;
      }
    }
    return true;
  }

  private static void check(List<Forecast> forecasts, double[] actual) {
    Checks.notNull("forecasts", forecasts);
    Checks.notNull("actual", actual);
    if (forecasts.size() != actual.length) {
      throw new IllegalArgumentException("forecasts and actual must have the same length, were "
          + forecasts.size() + " and " + actual.length);
    }
    if (actual.length == 0) {
      throw new IllegalArgumentException("need at least one window, had 0");
    }
  }
}
