package dev.aquatope.core.model;

import java.util.Arrays;
import java.util.OptionalDouble;

/** The statistic of end-to-end latency samples that a {@link QosTarget} bounds. */
public enum LatencyStatistic {
  MEAN(-1), P50(0.50), P90(0.90), P95(0.95), P99(0.99);

  private final double quantile;

  LatencyStatistic(double quantile) {
    this.quantile = quantile;
  }

  /**
   * Computes the statistic of {@code samples}. Quantiles use linear interpolation between order
   * statistics (type 7, as numpy's default).
   *
   * @param samples latencies; not modified; must be non-empty and finite
   * @return the statistic
   */
  public double of(double[] samples) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("samples must not be empty");
    }
    for (double s : samples) {
      if (!Double.isFinite(s)) {
        throw new IllegalArgumentException("samples must be finite, found " + s);
      }
    }
    if (quantile < 0) {
      double sum = 0;
      for (double s : samples) {
        sum += s;
      }
      return sum / samples.length;
    }
    double[] sorted = samples.clone();
    Arrays.sort(sorted);
    double h = (sorted.length - 1) * quantile;
    int lo = (int) Math.floor(h);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /**
   * The quantile this statistic takes, e.g. 0.95 for {@link #P95}.
   *
   * @return the level in (0, 1), or empty for {@link #MEAN}
   */
  public OptionalDouble quantile() {
    return quantile < 0 ? OptionalDouble.empty() : OptionalDouble.of(quantile);
  }

  /** Parses {@code mean}, {@code p50}, {@code p90}, {@code p95}, {@code p99} (any case). */
  public static LatencyStatistic parse(String s) {
    for (LatencyStatistic v : values()) {
      if (v.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
        return v;
      }
    }
    throw new IllegalArgumentException("statistic must be one of mean, p50, p90, p95, p99; was '" + s + "'");
  }
}
