package dev.aquatope.core.spi;

import dev.aquatope.core.util.Checks;
import java.util.Arrays;

/**
 * What profiling measured of one stage: one entry per successful workflow invocation in which
 * the stage ran, and the resources billed for them (so that a resource manager with its own
 * prices can reprice each stage exactly).
 *
 * @param latencies the stage's latency in seconds in each of those invocations, from its request
 *     (the moment its input was ready) to its completion; for a stage that ran several times in
 *     one invocation (fan-out), the slowest execution
 * @param costs the stage's billed cost in dollars in each of those invocations (all its
 *     executions together), same order
 * @param vcpuSeconds billed vCPU-seconds of those executions in total, {@code >= 0}
 * @param gbSeconds billed GB-seconds of those executions in total, {@code >= 0}
 */
public record StageProfile(double[] latencies, double[] costs, double vcpuSeconds, double gbSeconds) {
  /** Validates and copies. */
  public StageProfile {
    PairedSamples.check(latencies, costs);
    latencies = latencies.clone();
    costs = costs.clone();
    Checks.nonNegative("vcpuSeconds", vcpuSeconds);
    Checks.nonNegative("gbSeconds", gbSeconds);
  }

  @Override
  public double[] latencies() {
    return latencies.clone();
  }

  @Override
  public double[] costs() {
    return costs.clone();
  }

  /** Number of invocations in which the stage ran. */
  public int size() {
    return latencies.length;
  }

  /** The sum of {@link #costs()}. */
  public double totalCost() {
    double s = 0;
    for (double c : costs) {
      s += c;
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StageProfile p && Arrays.equals(latencies, p.latencies) && Arrays.equals(costs, p.costs)
        && vcpuSeconds == p.vcpuSeconds && gbSeconds == p.gbSeconds;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(latencies) * 31 + Arrays.hashCode(costs);
  }

  @Override
  public String toString() {
    return "StageProfile[n=" + latencies.length + ", totalCost=" + totalCost() + ", vcpuSeconds=" + vcpuSeconds
        + ", gbSeconds=" + gbSeconds + "]";
  }
}
