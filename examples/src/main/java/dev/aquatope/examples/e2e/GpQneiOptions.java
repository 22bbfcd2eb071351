package dev.aquatope.examples.e2e;

import dev.aquatope.core.spi.ConstrainedBatchOptimizer;
import dev.aquatope.core.spi.Providers;
import dev.aquatope.core.util.Checks;
import dev.aquatope.gp.GpBatchOptimizer;
import dev.aquatope.gp.GpBatchOptimizerProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The settings of the {@code "gp-qnei"} optimizer that the command line exposes (the prototype's
 * {@code manager.py} flags), passed to the optimizer as its provider options.
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
 *     ({@link GpBatchOptimizer.Builder#safeExploration()}: safe set with its neighbourhood, generous
 *     design, per-stage cost rates)
 * @param safeRadius the safe set's neighbourhood (L1 distance in the unit cube to a configuration
 *     measured to meet QoS), finite and {@code >= 0}, 0 for none; empty for the optimizer's default
 *     (none, or safe exploration's when {@code safeExploration})
 */
public record GpQneiOptions(int nInit, int batchSize, int mcSamples, int numRestarts, OptionalInt rawSamples,
    double confidence, boolean anomalyDetection, OptionalDouble minFeasibility, boolean safeExploration,
    OptionalDouble safeRadius) {
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
    Checks.notNull("safeRadius", safeRadius);
    safeRadius.ifPresent(r -> Checks.nonNegative("safeRadius", r));
  }

  /**
   * Settings with the optimizer's default neighbourhood.
   *
   * @param nInit initial design points, {@code >= 1}
   * @param batchSize batch size, {@code >= 1}
   * @param mcSamples MC samples, {@code >= 1}
   * @param numRestarts acquisition restarts, {@code >= 1}
   * @param rawSamples raw candidates; empty for the optimizer's default
   * @param confidence the anomaly filter's confidence, in (0, 1)
   * @param anomalyDetection whether the anomaly filter runs
   * @param minFeasibility the safe-set threshold, in [0, 1); empty for the default
   * @param safeExploration whether the optimizer explores safely
   * @throws IllegalArgumentException if an argument is invalid
   */
  public GpQneiOptions(int nInit, int batchSize, int mcSamples, int numRestarts, OptionalInt rawSamples,
      double confidence, boolean anomalyDetection, OptionalDouble minFeasibility, boolean safeExploration) {
    this(nInit, batchSize, mcSamples, numRestarts, rawSamples, confidence, anomalyDetection, minFeasibility,
        safeExploration, OptionalDouble.empty());
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
        OptionalDouble.of(probability), safeExploration, safeRadius);
  }

  /**
   * These settings with another neighbourhood of the safe set.
   *
   * @param radius finite and {@code >= 0}; 0 for none
   * @return the new settings
   * @throws IllegalArgumentException if out of range
   */
  public GpQneiOptions withSafeRadius(double radius) {
    return new GpQneiOptions(nInit, batchSize, mcSamples, numRestarts, rawSamples, confidence, anomalyDetection,
        minFeasibility, safeExploration, OptionalDouble.of(radius));
  }

  /**
   * These settings with safe exploration on or off.
   *
   * @param safe whether the optimizer explores safely
   * @return the new settings
   */
  public GpQneiOptions withSafeExploration(boolean safe) {
    return new GpQneiOptions(nInit, batchSize, mcSamples, numRestarts, rawSamples, confidence, anomalyDetection,
        minFeasibility, safe, safeRadius);
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
   * These settings as the provider options of {@code "gp-qnei"} (see {@link GpBatchOptimizerProvider}).
   *
   * @return the options by key, in a stable order
   */
  public Map<String, String> providerOptions() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("n-init", Integer.toString(nInit));
    m.put("batch-size", Integer.toString(batchSize));
    m.put("mc-samples", Integer.toString(mcSamples));
    m.put("num-restarts", Integer.toString(numRestarts));
    rawSamples.ifPresent(r -> m.put("raw-samples", Integer.toString(r)));
    m.put("confidence", Double.toString(confidence));
    m.put("anomaly-detection", Boolean.toString(anomalyDetection));
    minFeasibility.ifPresent(p -> m.put("min-feasibility", Double.toString(p)));
    safeRadius.ifPresent(r -> m.put("safe-radius", Double.toString(r)));
    m.put("safe-exploration", Boolean.toString(safeExploration));
    return m;
  }

  /**
   * A provider named {@code "gp-qnei"} that creates optimizers with these settings (through
   * {@link #providerOptions()}); a restored optimizer keeps the settings saved in its state.
   *
   * @return the provider
   */
  public ConstrainedBatchOptimizer.Provider provider() {
    return Providers.optimizerProvider(GpBatchOptimizer.NAME, providerOptions());
  }
}
