package dev.aquatope.openwhisk.platform;

import dev.aquatope.core.util.Checks;

/**
 * What one workflow invocation measured of one of its stages.
 *
 * @param latencySeconds from the stage's request to its completion: {@code end - start + waitTime}
 *     of its component activation (the same formula as the end-to-end latency of the top-level
 *     record); for a stage that ran several times in the invocation, the slowest execution
 * @param cost billed dollars of all the stage's executions in the invocation
 * @param vcpuSeconds billed vCPU-seconds of those executions
 * @param gbSeconds billed GB-seconds of those executions
 */
public record StageMeasurement(double latencySeconds, double cost, double vcpuSeconds, double gbSeconds) {
  /** Validates the fields. */
  public StageMeasurement {
    Checks.nonNegative("latencySeconds", latencySeconds);
    Checks.nonNegative("cost", cost);
    Checks.nonNegative("vcpuSeconds", vcpuSeconds);
    Checks.nonNegative("gbSeconds", gbSeconds);
  }

  /**
   * This stage together with another execution of it in the same invocation: the slower latency
   * (the one the rest of the workflow waits for) and the summed cost and resources.
   *
   * @param other the other execution
   * @return the combined measurement
   */
  public StageMeasurement combine(StageMeasurement other) {
    Checks.notNull("other", other);
    return new StageMeasurement(Math.max(latencySeconds, other.latencySeconds), cost + other.cost,
        vcpuSeconds + other.vcpuSeconds, gbSeconds + other.gbSeconds);
  }
}
