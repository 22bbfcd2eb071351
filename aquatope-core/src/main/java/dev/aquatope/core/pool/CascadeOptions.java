package dev.aquatope.core.pool;

import dev.aquatope.core.util.Checks;
import java.time.Duration;

/**
 * Whether and how the pool scheduler prewarms downstream workflow stages just in time from their
 * upstream stages' invocations ({@link dev.aquatope.core.spi.CascadePrewarming}, on platforms that
 * support it), instead of giving them per-minute targets. See {@link CascadePlanner}.
 *
 * @param enabled whether the scheduler installs cascade rules
 * @param leadQuantile the quantile of the upstream stage's observed execution times taken as the
 *     time until the downstream execution is requested (a low one, so that the container is ready
 *     even when the upstream execution is fast), in {@code (0, 1)}
 * @param margin how much earlier than that the downstream container should be ready; a stage is
 *     covered when the lead (the upstream time minus the margin) is at least its cold start,
 *     {@code >= 0}
 * @param keepAlive the idle keep-alive of covered stages' containers (the platform's otherwise),
 *     {@code > 0}
 */
public record CascadeOptions(boolean enabled, double leadQuantile, Duration margin, Duration keepAlive) {
  /** Cascade prewarming off (the default of {@link PoolSchedulerConfig}). */
  public static final CascadeOptions OFF = new CascadeOptions(false, 0.1, Duration.ofMillis(500),
      Duration.ofSeconds(3));

  /** Validates every field. */
  public CascadeOptions {
    Checks.openUnit("leadQuantile", leadQuantile);
    Checks.notNull("margin", margin);
    if (margin.isNegative()) {
      throw new IllegalArgumentException("margin must be >= 0, was " + margin);
    }
    Checks.notNull("keepAlive", keepAlive);
    if (keepAlive.isZero() || keepAlive.isNegative()) {
      throw new IllegalArgumentException("keepAlive must be > 0, was " + keepAlive);
    }
  }

  /**
   * Cascade prewarming on with the defaults: lead quantile 0.1, margin 0.5 s, keep-alive 3 s (chosen
   * on validation days of the pool benchmark, see the examples README).
   *
   * @return the options
   */
  public static CascadeOptions on() {
    return new CascadeOptions(true, OFF.leadQuantile, OFF.margin, OFF.keepAlive);
  }

  /**
   * A copy with another keep-alive.
   *
   * @param newKeepAlive the keep-alive of covered stages' idle containers, {@code > 0}
   * @return the copy
   */
  public CascadeOptions withKeepAlive(Duration newKeepAlive) {
    return new CascadeOptions(enabled, leadQuantile, margin, newKeepAlive);
  }
}
