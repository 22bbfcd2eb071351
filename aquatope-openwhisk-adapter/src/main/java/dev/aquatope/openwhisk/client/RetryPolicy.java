package dev.aquatope.openwhisk.client;

import dev.aquatope.core.util.Checks;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Exponential backoff with seeded jitter for throttling (429), platform errors (5xx) and
 * connection failures, bounded by a number of attempts and an overall deadline per call.
 *
 * <p>The backoff before attempt {@code k + 1} (after {@code k} failures) is
 * {@code min(maxBackoff, initialBackoff * multiplier^(k-1))} scaled by a factor drawn uniformly
 * from {@code [1 - jitter, 1 + jitter]}.
 *
 * @param maxAttempts attempts per call including the first, {@code >= 1}
 * @param initialBackoff backoff after the first failure, {@code > 0}
 * @param maxBackoff cap on one backoff, {@code >= initialBackoff}
 * @param multiplier growth factor, {@code >= 1}
 * @param jitter relative jitter in {@code [0, 1)}
 * @param overallDeadline bound on a call's total time (attempts plus backoffs), {@code > 0}
 * @param seed seed of the jitter
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier,
    double jitter, Duration overallDeadline, long seed) {

  /** 5 attempts, 100 ms doubling to at most 5 s, 20 % jitter, 2 minute deadline, seed 42. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(5), 2.0, 0.2, Duration.ofMinutes(2), 42L);

  /** Validates the fields. */
  public RetryPolicy {
    Checks.positive("maxAttempts", maxAttempts);
    positive("initialBackoff", initialBackoff);
    positive("maxBackoff", maxBackoff);
    positive("overallDeadline", overallDeadline);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must be >= initialBackoff, was " + maxBackoff + " < "
          + initialBackoff);
    }
    Checks.finite("multiplier", multiplier);
    if (multiplier < 1) {
      throw new IllegalArgumentException("multiplier must be >= 1, was " + multiplier);
    }
    if (!(jitter >= 0 && jitter < 1)) {
      throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
    }
  }

  /**
   * A policy that tries once and never retries.
   *
   * @param deadline bound on the single attempt
   * @return the policy
   */
  public static RetryPolicy noRetries(Duration deadline) {
    return new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), 1, 0, deadline, 0L);
  }

  /**
   * The backoff after {@code failures} failed attempts.
   *
   * @param failures failed attempts so far, {@code >= 1}
   * @param random the jitter source (advanced by one draw)
   * @return the backoff, {@code > 0}
   */
  public Duration backoff(int failures, SplittableRandom random) {
    Checks.positive("failures", failures);
    double base = initialBackoff.toNanos() * Math.pow(multiplier, failures - 1);
    double capped = Math.min(base, maxBackoff.toNanos());
    double factor = 1 - jitter + 2 * jitter * random.nextDouble();
    return Duration.ofNanos(Math.max(1L, Math.round(capped * factor)));
  }

  private static void positive(String name, Duration d) {
    Checks.notNull(name, d);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + d);
    }
  }
}
