package dev.aquatope.core.model;

import dev.aquatope.core.util.Checks;

/**
 * What one evaluation measured of one stage of the workflow: the part of the end-to-end figures
 * that this stage accounts for. Optimizers that model stages separately (each stage's latency and
 * cost depend mostly on its own resources) use it; the others ignore it.
 *
 * @param latency the QoS statistic (the same one as the end-to-end target's) of the stage's
 *     latency in seconds, over the workflow invocations in which the stage ran; a stage that ran
 *     several times in one invocation (fan-out) counts its slowest execution, the one the next
 *     stage waits for. {@code >= 0}
 * @param cost the stage's billed cost in dollars per workflow invocation (averaged over all
 *     successful invocations, including those in which it did not run), so the stages' costs add
 *     up to the observation's cost. {@code >= 0}
 * @param runFraction the fraction of the successful invocations in which the stage ran, in
 *     {@code (0, 1]}: below 1 for a stage behind a conditional branch
 */
public record StageObservation(double latency, double cost, double runFraction) {
  /** Validates the fields. */
  public StageObservation {
    Checks.nonNegative("latency", latency);
    Checks.nonNegative("cost", cost);
    if (!(runFraction > 0 && runFraction <= 1)) {
      throw new IllegalArgumentException("runFraction must be in (0, 1], was " + runFraction);
    }
  }

  /**
   * A stage that ran in every invocation.
   *
   * @param latency the QoS statistic of the stage's latency in seconds
   * @param cost the stage's cost per workflow invocation in dollars
   */
  public StageObservation(double latency, double cost) {
    this(latency, cost, 1.0);
  }
}
