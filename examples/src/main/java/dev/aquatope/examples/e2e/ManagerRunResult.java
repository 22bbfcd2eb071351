package dev.aquatope.examples.e2e;

import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.util.Checks;
import java.util.Optional;

/**
 * What one resource-manager campaign on the simulator achieved, judged on the noise-free model.
 *
 * @param optimizer the optimizer's name
 * @param evaluations configurations profiled
 * @param applied the configuration the manager applied (empty if none met the QoS target)
 * @param appliedOnPlatform whether the platform's production resources equal {@code applied}
 * @param modelCost noise-free cost per invocation of {@code applied} (NaN if none)
 * @param modelLatency noise-free latency statistic of {@code applied} (NaN if none)
 * @param qosMet whether {@code applied} meets the QoS target on the noise-free model
 * @param oracleCost the exhaustive oracle's cost
 * @param defaultCost noise-free cost of the default configuration (1 vCPU, 1024 MB, c = 1)
 * @param defaultLatency noise-free latency of the default configuration
 * @param qosBound the QoS bound in seconds
 * @param infeasibleEvaluations profiled configurations that violated QoS (or failed)
 * @param bestCostByEvaluation observed cost of the best feasible configuration after each
 *     evaluation (NaN before the first feasible one)
 * @param wallSeconds wall time of the campaign
 * @param stopReason why the campaign stopped
 */
public record ManagerRunResult(String optimizer, int evaluations, Optional<Configuration> applied,
    boolean appliedOnPlatform, double modelCost, double modelLatency, boolean qosMet, double oracleCost,
    double defaultCost, double defaultLatency, double qosBound, int infeasibleEvaluations,
    double[] bestCostByEvaluation, double wallSeconds, String stopReason) {
  /** Validates and copies. */
  public ManagerRunResult {
    Checks.nonBlank("optimizer", optimizer);
    Checks.nonNegative("evaluations", evaluations);
    Checks.notNull("applied", applied);
    Checks.positive("oracleCost", oracleCost);
    Checks.positive("defaultCost", defaultCost);
    Checks.nonNegative("defaultLatency", defaultLatency);
    Checks.positive("qosBound", qosBound);
    Checks.nonNegative("infeasibleEvaluations", infeasibleEvaluations);
    bestCostByEvaluation = Checks.notNull("bestCostByEvaluation", bestCostByEvaluation).clone();
    Checks.nonNegative("wallSeconds", wallSeconds);
    Checks.notNull("stopReason", stopReason);
  }

  /** Noise-free cost of the applied configuration over the oracle's (NaN if none was applied). */
  public double costOverOracle() {
    return modelCost / oracleCost;
  }

  /** Noise-free cost of the applied configuration over the default configuration's (NaN if none). */
  public double costOverDefault() {
    return modelCost / defaultCost;
  }

  @Override
  public double[] bestCostByEvaluation() {
    return bestCostByEvaluation.clone();
  }
}
