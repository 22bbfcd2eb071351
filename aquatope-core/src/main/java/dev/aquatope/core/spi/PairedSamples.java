package dev.aquatope.core.spi;

import dev.aquatope.core.util.Checks;

/** The validation that {@link ProfileResult} and {@link StageProfile} share: paired latency and cost samples. */
final class PairedSamples {
  private PairedSamples() {}

  /**
   * Checks that both arrays are given, have the same length and hold finite values {@code >= 0}.
   *
   * @param latencies latencies in seconds
   * @param costs costs in dollars, same order
   * @throws IllegalArgumentException naming the array or the element that is wrong
   */
  static void check(double[] latencies, double[] costs) {
    Checks.notNull("latencies", latencies);
    Checks.notNull("costs", costs);
    if (latencies.length != costs.length) {
      throw new IllegalArgumentException("latencies and costs must have the same length, were "
          + latencies.length + " and " + costs.length);
    }
    for (int i = 0; i < latencies.length; i++) {
      Checks.nonNegative("latencies[" + i + "]", latencies[i]);
      Checks.nonNegative("costs[" + i + "]", costs[i]);
    }
  }
}
