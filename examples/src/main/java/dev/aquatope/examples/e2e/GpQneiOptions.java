package dev.aquatope.examples.e2e;

import dev.aquatope.core.model.OptimizationProblem;
import dev.aquatope.core.spi.ConstrainedBatchOptimizer;
import dev.aquatope.core.util.Checks;
import dev.aquatope.gp.GpBatchOptimizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The settings of the {@code "gp-qnei"} optimizer that the command line exposes (the prototype's
 * {@code manager.py} flags). The {@link ConstrainedBatchOptimizer.Provider} SPI only creates
 * optimizers with default settings, so {@link #provider()} builds them with the public
 * {@link GpBatchOptimizer.Builder} instead; a restored optimizer keeps the settings saved in its
 * state.
 *
 * @param nInit initial scrambled-Sobol design points, {@code >= 1} (prototype: 10)
 * @param batchSize batch size {@code q}, {@code >= 1} (prototype: 3)
 * @param mcSamples quasi-Monte-Carlo samples of the acquisition, {@code >= 1} (prototype: 32)
 * @param numRestarts acquisition restarts refined by local search, {@code >= 1} (prototype: 10)
 * @param rawSamples candidate points scored before the restarts; empty for the optimizer's
 *     default
 * @param confidence confidence level of the anomaly filter's interval, in (0, 1) (prototype: 0.95)
 * @param anomalyDetection whether the leave-one-out anomaly filter runs
 * @param minFeasibility the safe-set threshold (smallest predictive probability of meeting QoS
 *     that a candidate needs to be scored), in [0, 1); empty for the optimizer's default (none, or
 *     safe exploration's when {@code safeExploration})
 * @param safeExploration whether the optimizer explores safely
 *     ({@link GpBatchOptimizer.Builder#safeExploration()}: safe set and generous design)
 */
public record GpQneiOptions(int nInit, int batchSize, int mcSamples, int numRestarts, OptionalInt rawSamples,
    double confidence, boolean anomalyDetection, OptionalDouble minFeasibility, boolean safeExploration) {
  /** Validates every field. */
  public GpQneiOptions {
    Checks.positive("nInit", nInit);
    Checks.positive("batchSize", batchSize);
    Checks.positive("mcSamples", mcSamples);
    Checks.positive("numRestarts", numRestarts);
    Checks.notNull("rawSamples", rawSamples);
    rawSamples.ifPresent(r -> Checks.positive("rawSamples", r));
    Checks.openUnit("confidence", confidence);
    Checks.notNull("minFeasibility", minFeasibility);
    minFeasibility.ifPresent(p -> {
      if (!(p >= 0 && p < 1)) {
        throw new IllegalArgumentException("minFeasibility must be in [0, 1), was " + p);
      }
    });
  }

  /**
   * Settings without safe exploration.
   *
   * @param nInit initial design points, {@code >= 1}
   * @param batchSize batch size, {@code >= 1}
   * @param mcSamples MC samples, {@code >= 1}
   * @param numRestarts acquisition restarts, {@code >= 1}
   * @param rawSamples raw candidates; empty for the optimizer's default
   * @param confidence the anomaly filter's confidence, in (0, 1)
   * @param anomalyDetection whether the anomaly filter runs
   * @param minFeasibility the safe-set threshold, in [0, 1); empty for none
   * @throws IllegalArgumentException if an argument is invalid
   */
  public GpQneiOptions(int nInit, int batchSize, int mcSamples, int numRestarts, OptionalInt rawSamples,
      double confidence, boolean anomalyDetection, OptionalDouble minFeasibility) {
    this(nInit, batchSize, mcSamples, numRestarts, rawSamples, confidence, anomalyDetection, minFeasibility, false);
  }

  /**
   * Settings without a safe-set threshold or safe exploration.
   *
   * @param nInit initial design points, {@code >= 1}
   * @param batchSize batch size, {@code >= 1}
   * @param mcSamples MC samples, {@code >= 1}
   * @param numRestarts acquisition restarts, {@code >= 1}
   * @param rawSamples raw candidates; empty for the optimizer's default
   * @param confidence the anomaly filter's confidence, in (0, 1)
   * @param anomalyDetection whether the anomaly filter runs
   * @throws IllegalArgumentException if an argument is invalid
   */
  public GpQneiOptions(int nInit, int batchSize, int mcSamples, int numRestarts, OptionalInt rawSamples,
      double confidence, boolean anomalyDetection) {
    this(nInit, batchSize, mcSamples, numRestarts, rawSamples, confidence, anomalyDetection, OptionalDouble.empty());
  }

  /**
   * These settings with another safe-set threshold.
   *
   * @param probability the threshold, in [0, 1)
   * @return the new settings
   * @throws IllegalArgumentException if out of range
   */
  public GpQneiOptions withMinFeasibility(double probability) {
    return new GpQneiOptions(nInit, batchSize, mcSamples, numRestarts, rawSamples, confidence, anomalyDetection,
        OptionalDouble.of(probability), safeExploration);
  }

  /**
   * These settings with safe exploration on or off.
   *
   * @param safe whether the optimizer explores safely
   * @return the new settings
   */
  public GpQneiOptions withSafeExploration(boolean safe) {
    return new GpQneiOptions(nInit, batchSize, mcSamples, numRestarts, rawSamples, confidence, anomalyDetection,
        minFeasibility, safe);
  }

  /**
   * The prototype's defaults: 10 initial points, q = 3, 32 MC samples, 10 restarts, default raw
   * samples, 95% confidence, anomaly detection on.
   *
   * @return the defaults
   */
  public static GpQneiOptions defaults() {
    return new GpQneiOptions(10, 3, 32, 10, OptionalInt.empty(), 0.95, true);
  }

  /**
   * A provider named {@code "gp-qnei"} that creates optimizers with these settings.
   *
   * @return the provider
   */
  public ConstrainedBatchOptimizer.Provider provider() {
    GpQneiOptions o = this;
    return new ConstrainedBatchOptimizer.Provider() {
      @Override
      public String name() {
        return GpBatchOptimizer.NAME;
      }

      @Override
      public ConstrainedBatchOptimizer create(OptimizationProblem problem, long seed) {
        GpBatchOptimizer.Builder b = GpBatchOptimizer.newBuilder(problem).seed(seed).nInit(o.nInit)
            .batchSize(o.batchSize).mcSamples(o.mcSamples).numRestarts(o.numRestarts)
            .anomalyDetection(o.anomalyDetection).confidence(o.confidence);
        o.rawSamples.ifPresent(b::rawSamples);
        if (o.safeExploration) {
          b.designRange(GpBatchOptimizer.SAFE_DESIGN_RANGE)
              .minFeasibilityProbability(o.minFeasibility.orElse(GpBatchOptimizer.SAFE_MIN_FEASIBILITY_PROBABILITY));
        } else {
          o.minFeasibility.ifPresent(b::minFeasibilityProbability);
        }
        return b.build();
      }

      @Override
      public ConstrainedBatchOptimizer restore(OptimizationProblem problem, InputStream in) throws IOException {
        return GpBatchOptimizer.restore(problem, in);
      }
    };
  }
}
