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
 */
public record StageObservation(double latency, double cost) {
  /** Validates the fields. */
  public StageObservation {
    Checks.nonNegative("latency", latency);
    Checks.nonNegative("cost", cost);
  }
}
