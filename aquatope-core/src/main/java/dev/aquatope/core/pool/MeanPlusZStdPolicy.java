package dev.aquatope.core.pool;

import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.util.Checks;
import java.util.OptionalInt;

/**
 * Prewarms {@code ceil(mean + z * std)} containers (0 if negative).
 *
 * @param z the number of standard deviations above the mean, finite (may be negative)
 */
public record MeanPlusZStdPolicy(double z) implements PrewarmPolicy {
  /** Validates {@code z}. */
  public MeanPlusZStdPolicy {
    Checks.finite("z", z);
  }

  @Override
  public OptionalInt target(Forecast forecast) {
    return OptionalInt.of(PrewarmPolicy.ceilCount(forecast.mean() + z * forecast.std()));
  }

  @Override
  public String describe() {
    return "mean + " + z + " std";
  }
}
