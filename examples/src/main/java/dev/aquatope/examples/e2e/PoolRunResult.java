package dev.aquatope.examples.e2e;

import dev.aquatope.core.util.Checks;
import java.util.Optional;

/**
 * What one pool policy did over the replayed period (all stage functions of the workflow).
 *
 * @param policy the policy's label
 * @param description what the policy is
 * @param invocations stage executions started in the replayed period
 * @param coldStarts of those, cold starts
 * @param memoryGbSeconds GB-seconds of provisioned containers (busy or idle) in the replayed period
 * @param workflowLatencyMean mean end-to-end latency of the workflow invocations of the whole run
 *     (training period included), seconds
 * @param forecastWallSeconds wall time spent in the scheduler (forecasting, training), seconds
 * @param timeline the entry function's per-minute record, when requested
 */
public record PoolRunResult(String policy, String description, long invocations, long coldStarts,
    double memoryGbSeconds, double workflowLatencyMean, double forecastWallSeconds, Optional<PoolTimeline> timeline) {
  /** Validates the fields. */
  public PoolRunResult {
    Checks.nonBlank("policy", policy);
    Checks.notNull("description", description);
    Checks.nonNegative("invocations", invocations);
    Checks.nonNegative("coldStarts", coldStarts);
    if (coldStarts > invocations) {
      throw new IllegalArgumentException("coldStarts must be <= invocations, was " + coldStarts + " > " + invocations);
    }
    Checks.nonNegative("memoryGbSeconds", memoryGbSeconds);
    Checks.nonNegative("workflowLatencyMean", workflowLatencyMean);
    Checks.nonNegative("forecastWallSeconds", forecastWallSeconds);
    Checks.notNull("timeline", timeline);
  }

  /** Cold starts per stage execution (0 without executions). */
  public double coldStartRate() {
    return invocations == 0 ? 0 : (double) coldStarts / invocations;
  }
}
