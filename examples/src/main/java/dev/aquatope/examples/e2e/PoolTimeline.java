package dev.aquatope.examples.e2e;

import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.util.Checks;
import java.time.Instant;

/**
 * Per-minute record of one function during a pool replay, for charts: what the scheduler
 * predicted and prewarmed, and what was needed.
 *
 * @param function the function
 * @param start the first minute
 * @param mean forecast mean of containers needed, per minute
 * @param std forecast standard deviation, per minute
 * @param target prewarm target set on the platform, per minute (0 when none)
 * @param needed containers needed (peak busy) that actually occurred, per minute
 * @param provisioned average provisioned containers (busy or idle), per minute
 */
public record PoolTimeline(FunctionId function, Instant start, double[] mean, double[] std, int[] target,
    int[] needed, double[] provisioned) {
  /** Validates and copies. */
  public PoolTimeline {
    Checks.notNull("function", function);
    Checks.notNull("start", start);
    int n = Checks.notNull("mean", mean).length;
    if (Checks.notNull("std", std).length != n || Checks.notNull("target", target).length != n
        || Checks.notNull("needed", needed).length != n || Checks.notNull("provisioned", provisioned).length != n) {
      throw new IllegalArgumentException("every per-minute array must have " + n + " entries");
    }
    mean = mean.clone();
    std = std.clone();
    target = target.clone();
    needed = needed.clone();
    provisioned = provisioned.clone();
  }

  /** Number of minutes. */
  public int size() {
    return mean.length;
  }

  /**
   * The {@code p}-quantile of minute {@code i}'s forecast (normal, truncated at 0).
   *
   * @param i the minute
   * @param p the probability, in (0, 1)
   * @return the quantile
   */
  public double quantile(int i, double p) {
    return Forecast.normal(mean[i], std[i]).quantile(p);
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] std() {
    return std.clone();
  }

  @Override
  public int[] target() {
    return target.clone();
  }

  @Override
  public int[] needed() {
    return needed.clone();
  }

  @Override
  public double[] provisioned() {
    return provisioned.clone();
  }
}
