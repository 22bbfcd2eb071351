package dev.aquatope.core.pool;

import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.util.Checks;
import java.util.OptionalInt;

/**
 * Prewarms the {@code q}-quantile of the forecast, rounded up: {@code ceil(F^-1(q))}. The default
 * policy, with {@code q = 0.9}.
 *
 * @param q the quantile, in (0, 1)
 */
public record QuantilePolicy(double q) implements PrewarmPolicy {
  /** The default quantile, 0.9. */
  public static final double DEFAULT_Q = 0.9;

  /** Validates {@code q}. */
  public QuantilePolicy {
    Checks.openUnit("q", q);
  }

  /**
   * The policy with {@code q = 0.9}.
   *
   * @return the default policy
   */
  public static QuantilePolicy defaults() {
    return new QuantilePolicy(DEFAULT_Q);
  }

  @Override
  public OptionalInt target(Forecast forecast) {
    return OptionalInt.of(PrewarmPolicy.ceilCount(forecast.quantile(q)));
  }

  /** The exact discrete {@code q}-quantile: the smallest count whose cumulative probability reaches {@code q}. */
  @Override
  public OptionalInt target(CountDistribution containers) {
    return OptionalInt.of(containers.quantile(q));
  }

  @Override
  public String describe() {
    return "quantile " + q;
  }
}
