package dev.aquatope.core.pool;

import dev.aquatope.core.model.Forecast;
import java.util.OptionalInt;

/**
 * Turns a forecast of the next window's count into the number of containers to keep prewarmed.
 *
 * <p>Implementations are immutable values (records) so that they can sit in a
 * {@link PoolSchedulerConfig}. {@link #NULL} prewarms nothing and leaves the platform's own
 * keep-alive in charge.
 */
public interface PrewarmPolicy {
  /**
   * The prewarm target for a forecast.
   *
   * @param forecast the predictive distribution of the next window's count
   * @return the target, {@code >= 0}; empty to leave the function to the platform's keep-alive
   */
  OptionalInt target(Forecast forecast);

  /**
   * The prewarm target for a discrete distribution of the containers needed (from a
   * {@link ConcurrencyModel}). The default applies {@link #target(Forecast)} to a normal forecast
   * with the distribution's mean and standard deviation; {@link QuantilePolicy} takes the exact
   * discrete quantile instead.
   *
   * @param containers the distribution of the containers needed in the next window
   * @return the target, {@code >= 0}; empty to leave the function to the platform's keep-alive
   */
  default OptionalInt target(CountDistribution containers) {
    return target(Forecast.normal(containers.mean(), containers.std()));
  }

  /**
   * A short description used as the reason of decisions, e.g. {@code "quantile 0.9"}.
   *
   * @return the description
   */
  String describe();

  /** Sets no target: the platform's keep-alive policy alone decides (the baseline). */
  PrewarmPolicy NULL = new PrewarmPolicy() {
    @Override
    public OptionalInt target(Forecast forecast) {
      return OptionalInt.empty();
    }

    @Override
    public String describe() {
      return "keep-alive (no prewarming)";
    }

    @Override
    public String toString() {
      return "PrewarmPolicy.NULL";
    }
  };

  /**
   * Rounds a non-negative count up to a whole number of containers, ignoring floating-point noise
   * of up to {@code 1e-9} above an integer (so that {@code 3.0000000001} gives 3, not 4).
   *
   * @param count a finite count
   * @return {@code ceil(max(0, count))}
   */
  static int ceilCount(double count) {
    if (!Double.isFinite(count)) {
      throw new IllegalArgumentException("count must be finite, was " + count);
    }
    double c = Math.max(0.0, count);
    return (int) Math.min(Integer.MAX_VALUE, Math.ceil(c - 1e-9));
  }
}
