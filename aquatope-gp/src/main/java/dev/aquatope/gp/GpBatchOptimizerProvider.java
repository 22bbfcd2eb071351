package dev.aquatope.gp;

import dev.aquatope.core.model.OptimizationProblem;
import dev.aquatope.core.spi.ConstrainedBatchOptimizer;
import dev.aquatope.core.spi.ProviderOptions;
import dev.aquatope.core.util.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Registers {@link GpBatchOptimizer} for {@link java.util.ServiceLoader} as {@code "gp-qnei"}.
 *
 * <p>{@link #create(OptimizationProblem, long, Map)} takes the prototype's command-line settings
 * as strings: {@code n-init}, {@code batch-size}, {@code mc-samples}, {@code num-restarts},
 * {@code raw-samples} (integers), {@code confidence} (of the anomaly filter, in (0, 1)),
 * {@code anomaly-detection} and {@code drift-detection} ({@code true}/{@code false}),
 * {@code min-feasibility} (the safe-set threshold, in [0, 1)), {@code safe-exploration}
 * ({@code true}/{@code false}: {@link GpBatchOptimizer.Builder#safeExploration()}, whose threshold
 * {@code min-feasibility}, neighbourhood {@code safe-radius} and {@code stage-cost-rate} override
 * when given), {@code safe-radius} (the safe set's neighbourhood, finite and {@code >= 0}; 0 =
 * none), {@code stage-cost-rate} ({@code true}/{@code false}: {@link
 * GpBatchOptimizer.Builder#stageCostRate(boolean)}), {@code stage-models}
 * ({@code true}/{@code false}: {@link GpBatchOptimizer.Builder#stageModels(boolean)}); absent keys
 * keep the builder's defaults.
 */
public final class GpBatchOptimizerProvider implements ConstrainedBatchOptimizer.Provider {
  /** The option keys {@link #create(OptimizationProblem, long, Map)} reads. */
  public static final Set<String> OPTION_KEYS = Set.of("n-init", "batch-size", "mc-samples", "num-restarts",
      "raw-samples", "confidence", "anomaly-detection", "drift-detection", "min-feasibility",
      "safe-exploration", "safe-radius", "stage-cost-rate", "stage-models");

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public GpBatchOptimizerProvider() {}

  /**
   * A provider named {@code "gp-qnei"} whose optimizers {@code factory} builds (settings the
   * string options do not reach, e.g. custom {@link DriftOptions}); restoring reads the settings
   * from the saved state, as always.
   *
   * @param factory builds a new optimizer for a problem and a seed
   * @return the provider
   * @throws IllegalArgumentException if {@code factory} is null
   */
  public static ConstrainedBatchOptimizer.Provider withFactory(
      BiFunction<OptimizationProblem, Long, GpBatchOptimizer> factory) {
    Checks.notNull("factory", factory);
    return new ConstrainedBatchOptimizer.Provider() {
      @Override
      public String name() {
        return GpBatchOptimizer.NAME;
      }

      @Override
      public ConstrainedBatchOptimizer create(OptimizationProblem problem, long seed) {
        return factory.apply(problem, seed);
      }

      @Override
      public ConstrainedBatchOptimizer restore(OptimizationProblem problem, InputStream in) throws IOException {
        return GpBatchOptimizer.restore(problem, in);
      }
    };
  }

  @Override
  public String name() {
    return GpBatchOptimizer.NAME;
  }

  @Override
  public ConstrainedBatchOptimizer create(OptimizationProblem problem, long seed) {
    return GpBatchOptimizer.newBuilder(problem).seed(seed).build();
  }

  /**
   * A new optimizer with the given settings (see the class comment for the keys).
   *
   * @param problem the problem
   * @param seed seed of every random choice
   * @param options settings by key; not modified
   * @return the optimizer
   * @throws IllegalArgumentException if a key is unknown or a value invalid (the message names the
   *     key), or a combination is invalid (e.g. {@code num-restarts > raw-samples})
   */
  @Override
  public ConstrainedBatchOptimizer create(OptimizationProblem problem, long seed, Map<String, String> options) {
    Checks.notNull("options", options);
    String me = GpBatchOptimizer.NAME;
    ProviderOptions.requireKnown(me, options, OPTION_KEYS);
    GpBatchOptimizer.Builder b = GpBatchOptimizer.newBuilder(problem).seed(seed);
    for (String key : new TreeSet<>(options.keySet())) {
      try {
        switch (key) {
          case "n-init" -> b.nInit(ProviderOptions.intValue(me, options, key, 0));
          case "batch-size" -> b.batchSize(ProviderOptions.intValue(me, options, key, 0));
          case "mc-samples" -> b.mcSamples(ProviderOptions.intValue(me, options, key, 0));
          case "num-restarts" -> b.numRestarts(ProviderOptions.intValue(me, options, key, 0));
          case "raw-samples" -> b.rawSamples(ProviderOptions.intValue(me, options, key, 0));
          case "confidence" -> b.confidence(ProviderOptions.doubleValue(me, options, key, 0));
          case "min-feasibility" -> b.minFeasibilityProbability(ProviderOptions.doubleValue(me, options, key, 0));
          case "safe-exploration" -> {
            if (ProviderOptions.booleanValue(me, options, key, false)) {
              b.designRange(GpBatchOptimizer.SAFE_DESIGN_RANGE);
              if (!options.containsKey("min-feasibility")) {
                b.minFeasibilityProbability(GpBatchOptimizer.SAFE_MIN_FEASIBILITY_PROBABILITY);
              }
              if (!options.containsKey("safe-radius")) {
                b.safeRadius(GpBatchOptimizer.SAFE_RADIUS);
              }
              if (!options.containsKey("stage-cost-rate")) {
                b.stageCostRate(true);
              }
            }
          }
          case "anomaly-detection" -> b.anomalyDetection(ProviderOptions.booleanValue(me, options, key, true));
          case "safe-radius" -> b.safeRadius(ProviderOptions.doubleValue(me, options, key, 0));
          case "stage-cost-rate" -> b.stageCostRate(ProviderOptions.booleanValue(me, options, key, false));
          case "stage-models" -> b.stageModels(ProviderOptions.booleanValue(me, options, key, true));
          case "drift-detection" -> b.drift(ProviderOptions.booleanValue(me, options, key, true)
              ? DriftOptions.defaults() : DriftOptions.disabled());
          default -> throw new IllegalStateException("unhandled option key " + key); // OPTION_KEYS is checked above
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage().startsWith("option '") ? e.getMessage()
            : "option '" + key + "' of '" + me + "': " + e.getMessage(), e);
      }
    }
    return b.build();
  }

  @Override
  public ConstrainedBatchOptimizer restore(OptimizationProblem problem, InputStream in) throws IOException {
    return GpBatchOptimizer.restore(problem, in);
  }
}
