package dev.aquatope.core.manage;

import dev.aquatope.core.util.Checks;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How much one optimization campaign may spend: a number of evaluations (profiled
 * configurations), a wall time measured with the manager's clock, or both (whichever runs out
 * first).
 *
 * @param maxEvaluations the most configurations to profile in the campaign, {@code >= 1}
 * @param maxWallTime the longest the campaign may run, {@code > 0}, counted from its start (time
 *     spent down between a crash and a restart counts too)
 */
public record Budget(OptionalInt maxEvaluations, Optional<Duration> maxWallTime) {
  /** Validates that at least one limit is set and that the limits are positive. */
  public Budget {
    Checks.notNull("maxEvaluations", maxEvaluations);
    Checks.notNull("maxWallTime", maxWallTime);
    if (maxEvaluations.isEmpty() && maxWallTime.isEmpty()) {
      throw new IllegalArgumentException("a budget needs maxEvaluations or maxWallTime (or both), had neither");
    }
    maxEvaluations.ifPresent(n -> Checks.positive("maxEvaluations", n));
    maxWallTime.ifPresent(d -> {
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException("maxWallTime must be > 0, was " + d);
      }
    });
  }

  /**
   * At most {@code n} evaluations.
   *
   * @param n the most evaluations, >= 1
   * @return at most {@code n} evaluations
   */
  public static Budget evaluations(int n) {
    return new Budget(OptionalInt.of(n), Optional.empty());
  }

  /**
   * At most {@code d} of wall time.
   *
   * @param d the longest wall time, > 0
   * @return at most {@code d} of wall time
   */
  public static Budget wallTime(Duration d) {
    return new Budget(OptionalInt.empty(), Optional.of(Checks.notNull("maxWallTime", d)));
  }

  /**
   * At most {@code n} evaluations and at most {@code d} of wall time.
   *
   * @param n the most evaluations, >= 1
   * @param d the longest wall time, > 0
   * @return at most {@code n} evaluations and at most {@code d} of wall time
   */
  public static Budget of(int n, Duration d) {
    return new Budget(OptionalInt.of(n), Optional.of(Checks.notNull("maxWallTime", d)));
  }

  /**
   * How many more evaluations are allowed.
   *
   * @param used evaluations already spent in the campaign
   * @return the remaining count ({@link Integer#MAX_VALUE} without an evaluation limit), {@code >= 0}
   */
  public int remainingEvaluations(int used) {
    return maxEvaluations.isPresent() ? Math.max(0, maxEvaluations.getAsInt() - used) : Integer.MAX_VALUE;
  }

  /**
   * Whether the wall-time limit is reached.
   *
   * @param elapsed time since the campaign started
   * @return true if there is a wall-time limit and {@code elapsed >= maxWallTime}
   */
  public boolean wallTimeSpent(Duration elapsed) {
    return maxWallTime.isPresent() && elapsed.compareTo(maxWallTime.get()) >= 0;
  }
}
