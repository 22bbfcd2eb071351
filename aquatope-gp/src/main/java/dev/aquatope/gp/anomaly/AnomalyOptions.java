package dev.aquatope.gp.anomaly;

import dev.aquatope.core.util.Checks;

/**
 * Settings of {@link LooAnomalyFilter}.
 *
 * @param confidence two-sided confidence of the leave-one-out predictive interval, in
 *     {@code (0, 1)}; an observation outside it is an outlier candidate (0.95 gives |z| > 1.96)
 * @param maxFraction the most observations that may be flagged, as a fraction of those given,
 *     in {@code [0, 1)}
 * @param minPoints the filter does nothing for a model with fewer points than this,
 *     {@code >= 3} (leave-one-out of tiny sets says nothing)
 * @param familyWise whether {@code confidence} holds for all {@code n} points of a model
 *     together (Sidak: each point is tested at {@code 1 - confidence^(1/n)}, so clean data is left
 *     untouched with probability {@code confidence}); when false each point is tested at
 *     {@code 1 - confidence}, as the prototype did, which flags about 5% of perfectly good
 *     observations at 95% and, in our runs, often the cheapest feasible one
 * @param upperTailOnly whether only observations above the interval are flagged (slower or
 *     more expensive than predicted). Measurement anomalies of serverless functions (interference,
 *     cold starts, throttling) inflate latency and billed time; a measurement far below the
 *     prediction is usually real, typically an isolated point such as the only fast configuration
 *     tried, whose leave-one-out prediction is an extrapolation. Flagging those removed the only
 *     feasible observation in our benchmarks.
 */
public record AnomalyOptions(double confidence, double maxFraction, int minPoints, boolean familyWise,
    boolean upperTailOnly) {
  /** Validates the fields. */
  public AnomalyOptions {
    Checks.openUnit("confidence", confidence);
    if (!(maxFraction >= 0 && maxFraction < 1)) {
      throw new IllegalArgumentException("maxFraction must be in [0, 1), was " + maxFraction);
    }
    if (minPoints < 3) {
      throw new IllegalArgumentException("minPoints must be >= 3, was " + minPoints);
    }
  }

  /**
   * The defaults: 95% family-wise interval, upper tail only, at most 20% of the points flagged,
   * at least 8 points.
   *
   * @return the default options
   */
  public static AnomalyOptions defaults() {
    return new AnomalyOptions(0.95, 0.2, 8, true, true);
  }
}
