package dev.aquatope.nn.model;

import dev.aquatope.nn.data.Log1pZScore;

/**
 * Statistics of one window's MC-dropout samples of the normalized count: their mean in
 * {@code u = log1p(count)} space (where the networks and the noise model work) and the samples
 * mapped to counts ({@code max(0, expm1(u))}: the model part of the uncertainty that
 * {@link dev.aquatope.core.model.Forecast#samples()} carries).
 */
final class McSummary {
  private McSummary() {}

  /** The mean {@code log1p} value of the samples {@code z[from, from + count)}. */
  static double meanLog(float[] z, int from, int count, Log1pZScore norm) {
    double sum = 0;
    for (int b = 0; b < count; b++) {
      sum += norm.toLog(z[from + b]);
    }
    return sum / count;
  }

  /** The samples mapped to counts, {@code max(0, expm1(u))}. */
  static double[] counts(float[] z, int from, int count, Log1pZScore norm) {
    double[] out = new double[count];
    for (int b = 0; b < count; b++) {
      out[b] = Math.max(0.0, Math.expm1(norm.toLog(z[from + b])));
    }
    return out;
  }
}
