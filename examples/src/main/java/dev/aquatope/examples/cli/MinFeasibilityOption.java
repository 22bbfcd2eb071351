package dev.aquatope.examples.cli;

import dev.aquatope.examples.e2e.GpQneiOptions;
import java.util.OptionalDouble;
import picocli.CommandLine.Option;

/**
 * The {@code --min-feasibility} flag of the commands that run {@code gp-qnei} ({@code manage},
 * {@code manager-bench}, {@code optimize-bench}): its safe-set threshold. Mixed in with
 * {@code @Mixin MinFeasibilityOption minFeasibility;}.
 */
public final class MinFeasibilityOption {
  @Option(names = "--min-feasibility", paramLabel = "P",
      description = "gp-qnei: safe-set threshold, the smallest predictive probability of meeting QoS a candidate "
          + "needs to be evaluated, in [0, 1); 0 = off (default: 0.95 under safe exploration, else off).")
  Double value;

  /**
   * The threshold given on the command line.
   *
   * @return the threshold, or empty when the flag is absent
   * @throws IllegalArgumentException if it is outside [0, 1)
   */
  public OptionalDouble get() {
    if (value == null) {
      return OptionalDouble.empty();
    }
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException("--min-feasibility must be in [0, 1), was " + value);
    }
    return OptionalDouble.of(value);
  }

  /**
   * The settings with the threshold given on the command line, if any.
   *
   * @param options the settings
   * @return {@code options}, or a copy with the threshold
   * @throws IllegalArgumentException if the threshold is outside [0, 1)
   */
  public GpQneiOptions applyTo(GpQneiOptions options) {
    OptionalDouble p = get();
    return p.isPresent() ? options.withMinFeasibility(p.getAsDouble()) : options;
  }
}
