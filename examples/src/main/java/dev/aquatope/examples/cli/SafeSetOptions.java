package dev.aquatope.examples.cli;

import dev.aquatope.core.util.Checks;
import dev.aquatope.examples.e2e.GpQneiOptions;
import java.util.OptionalDouble;
import picocli.CommandLine.Option;

/**
 * The safe-set flags of the commands that run {@code gp-qnei} ({@code manage},
 * {@code manager-bench}, {@code optimize-bench}): {@code --min-feasibility}, its threshold, and
 * {@code --safe-radius}, its neighbourhood. Mixed in with
 * {@code @Mixin SafeSetOptions safeSet;}.
 */
public final class SafeSetOptions {
  @Option(names = "--min-feasibility", paramLabel = "P",
      description = "gp-qnei: safe-set threshold, the smallest predictive probability of meeting QoS a candidate "
          + "needs to be evaluated, in [0, 1); 0 = off (default: 0.95 under safe exploration, else off).")
  Double threshold;

  @Option(names = "--safe-radius", paramLabel = "R",
      description = "gp-qnei: neighbourhood of the safe set, the largest L1 distance (unit cube) from a candidate to a "
          + "configuration measured to meet QoS, finite and >= 0; 0 = none (default: 1 under safe exploration, "
          + "else none).")
  Double radius;

  /**
   * The threshold given on the command line.
   *
   * @return the threshold, or empty when the flag is absent
   * @throws IllegalArgumentException if it is outside [0, 1)
   */
  public OptionalDouble threshold() {
    if (threshold == null) {
      return OptionalDouble.empty();
    }
    if (!(threshold >= 0 && threshold < 1)) {
      throw new IllegalArgumentException("--min-feasibility must be in [0, 1), was " + threshold);
    }
    return OptionalDouble.of(threshold);
  }

  /**
   * The settings with the threshold and the radius given on the command line, if any.
   *
   * @param options the settings
   * @return {@code options}, or a copy with the threshold and the radius
   * @throws IllegalArgumentException if the threshold is outside [0, 1) or the radius negative or
   *     not finite
   */
  public GpQneiOptions applyTo(GpQneiOptions options) {
    OptionalDouble p = threshold();
    GpQneiOptions out = p.isPresent() ? options.withMinFeasibility(p.getAsDouble()) : options;
    OptionalDouble r = radius();
    return r.isPresent() ? out.withSafeRadius(r.getAsDouble()) : out;
  }

  /**
   * Checks both flags (to fail before any work is done).
   *
   * @throws IllegalArgumentException if the threshold is outside [0, 1) or the radius negative or
   *     not finite
   */
  public void validate() {
    threshold();
    radius();
  }

  /**
   * The neighbourhood given on the command line.
   *
   * @return the radius, or empty when the flag is absent
   * @throws IllegalArgumentException if it is negative or not finite
   */
  public OptionalDouble radius() {
    if (radius == null) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(Checks.nonNegative("--safe-radius", radius));
  }
}
