package dev.aquatope.gp;

import dev.aquatope.core.util.Checks;
import dev.aquatope.gp.anomaly.AnomalyOptions;
import dev.aquatope.gp.model.GpOptions;
import dev.aquatope.gp.optim.GridSearchOptions;

/**
 * Every setting of a {@link GpBatchOptimizer}; built by {@link GpBatchOptimizer.Builder} and
 * saved with its state.
 *
 * @param nInit number of initial scrambled-Sobol design points, {@code >= 1}
 * @param batchSize the batch size {@link GpBatchOptimizer#suggest()} uses, {@code >= 1}
 * @param mcSamples quasi-Monte-Carlo samples of the acquisition, {@code >= 1}
 * @param search the grid search of the acquisition (raw samples, restarts, local moves)
 * @param anomalyDetection whether the leave-one-out outlier filter runs before each fit
 * @param anomaly the outlier filter's settings (used when {@code anomalyDetection})
 * @param drift the drift detection settings
 * @param gp the Gaussian-process settings (its seed is replaced by a per-fit derived seed)
 * @param logTransform whether both models see {@code log(cost)} and {@code log(latency)}: costs
 *     and latencies are positive and multiplicative in the resources (latency is roughly
 *     inversely proportional to vCPU), which a stationary GP fits far better on the log scale;
 *     the constraint becomes {@code log(latency) <= log(bound)}, with the same feasible set
 * @param useReportedVariance whether per-observation variances, when every observation of a
 *     model has one, become fixed per-point noise (else the noise level is learned)
 * @param eta temperature of the feasibility sigmoid, {@code > 0}
 * @param logAcquisition whether to use the log form of constrained qNEI (qLogNEI)
 * @param pruneBaseline whether to prune the qNEI baseline to points likely to be best
 * @param anchorFastest whether the first design point is the most generous configuration (CPU
 *     and memory at their maximum, concurrency at its minimum, other knobs in the middle): it
 *     meets any achievable latency target, so constrained qNEI has a feasible incumbent from the
 *     first batch instead of searching blindly for a small feasible region
 * @param kernelLayout the covariance structure of both models (per-stage additive or one ARD
 *     kernel; see {@link KernelLayout})
 * @param minFeasibilityProbability the safe-set threshold, in {@code [0, 1)}: once something
 *     feasible was observed, only candidates whose predictive probability of meeting the latency
 *     bound (latency model, observation noise included) is at least this are scored by the
 *     acquisition, the most probably feasible ones when none is ({@link
 *     dev.aquatope.gp.acquisition.SafeSetFilter}); 0 switches the filter off. Absent in states saved
 *     before the option existed, which restore with 0 (their behaviour).
 * @param designRange the fraction of each resource range, in {@code (0, 1]}, that the Sobol
 *     design points after the anchor cover, at the generous end: CPU and memory in the top
 *     fraction of their range, concurrency in the bottom fraction, other knobs over their whole
 *     range; 1 is the whole space. Absent in older states, which restore with 1.
 * @param stageModels whether observations' per-stage measurements ({@link
 *     dev.aquatope.core.model.Observation#stages()}), when the platform reports them, give both
 *     models a structured prior mean: per-stage GPs composed through the workflow's DAG ({@link
 *     dev.aquatope.gp.stages.StageComposition}); without such measurements it has no effect.
 *     Absent in older states, which restore with false.
 * @param safeRadius the neighbourhood of the safe set, {@code >= 0} and finite: with a safe set
 *     ({@code minFeasibilityProbability > 0}), a candidate must also lie within this L1 distance
 *     (unit-cube coordinates, so 1 is one knob across its whole range, or several knobs by a few
 *     grid steps) of an observation measured to meet QoS ({@link
 *     dev.aquatope.gp.acquisition.SafeSetFilter#withNeighbourhood}); 0 means no neighbourhood.
 *     Absent in older states, which restore with 0.
 * @param stageCostRate whether the per-stage cost models (with {@code stageModels}) model each
 *     stage's cost rate, its cost per second of its latency, rather than its log cost ({@link
 *     dev.aquatope.gp.stages.StageComposition}): noise shared by cost and latency cancels in the
 *     rate. Absent in older states, which restore with false.
 */
public record GpBatchOptimizerOptions(int nInit, int batchSize, int mcSamples, GridSearchOptions search,
    boolean anomalyDetection, AnomalyOptions anomaly, DriftOptions drift, GpOptions gp, boolean logTransform,
    boolean useReportedVariance, double eta, boolean logAcquisition, boolean pruneBaseline,
    boolean anchorFastest, KernelLayout kernelLayout, double minFeasibilityProbability,
    double designRange, boolean stageModels, double safeRadius, boolean stageCostRate) {

  /** Validates every field. */
  public GpBatchOptimizerOptions {
    Checks.positive("nInit", nInit);
    Checks.positive("batchSize", batchSize);
    Checks.positive("mcSamples", mcSamples);
    Checks.notNull("search", search);
    Checks.notNull("anomaly", anomaly);
    Checks.notNull("drift", drift);
    Checks.notNull("gp", gp);
    Checks.positive("eta", eta);
    Checks.notNull("kernelLayout", kernelLayout);
    if (!(minFeasibilityProbability >= 0 && minFeasibilityProbability < 1)) {
      throw new IllegalArgumentException("minFeasibilityProbability must be in [0, 1), was "
          + minFeasibilityProbability);
    }
    if (!(designRange > 0 && designRange <= 1)) {
      throw new IllegalArgumentException("designRange must be in (0, 1], was " + designRange);
    }
    Checks.nonNegative("safeRadius", safeRadius);
  }
}
