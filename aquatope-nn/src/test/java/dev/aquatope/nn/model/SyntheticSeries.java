package dev.aquatope.nn.model;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.model.TriggerType;
import java.time.Instant;
import java.util.SplittableRandom;

/** Synthetic per-minute series for tests (the repository's tests never read the bundled traces). */
final class SyntheticSeries {
  static final Instant START = Instant.parse("2019-07-15T00:00:00Z");

  private SyntheticSeries() {}

  /**
   * {@code level + amplitude * sin(2 pi t / period) + N(0, noise)}, rounded and clamped at 0.
   */
  static InvocationSeries sine(int n, int period, double level, double amplitude, double noise, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] c = new double[n];
    for (int t = 0; t < n; t++) {
      double g = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
      c[t] = Math.max(0, Math.round(level + amplitude * Math.sin(2 * Math.PI * t / period) + noise * g));
    }
    return InvocationSeries.perMinute(FunctionId.of("sine"), TriggerType.HTTP, START, c);
  }

  /** Symmetric mean absolute percentage error, 0 where both are 0. */
  static double smape(double f, double a) {
    return f == 0 && a == 0 ? 0 : 2 * Math.abs(f - a) / (Math.abs(f) + Math.abs(a));
  }
}
