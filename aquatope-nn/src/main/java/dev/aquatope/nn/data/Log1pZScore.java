package dev.aquatope.nn.data;

import dev.aquatope.core.util.Checks;

/**
 * The count normalization: {@code z = (log1p(count) - mean) / std}, fitted on the training split
 * only.
 *
 * <p>{@code log1p} compresses counts from 0 to hundreds of thousands into a range a tanh/sigmoid
 * network handles, and keeps 0 at a finite value (long runs of zeros are common); the z-score
 * centres the result. {@link #toCount} inverts both and clamps at 0, because a count cannot be
 * negative.
 *
 * @param mean mean of {@code log1p(count)} on the training split, finite
 * @param std standard deviation of {@code log1p(count)} on the training split, finite and
 *     {@code > 0} (a constant series is given std 1)
 */
public record Log1pZScore(double mean, double std) {
  /** Validates the fields. */
  public Log1pZScore {
    Checks.finite("mean", mean);
    Checks.positive("std", std);
  }

  /**
   * Fits the normalization to counts.
   *
   * @param counts the training split's counts; non-empty, finite, {@code >= 0}
   * @return the fitted normalization
   * @throws IllegalArgumentException if {@code counts} is empty or holds a bad count
   */
  public static Log1pZScore fit(double[] counts) {
    Checks.notNull("counts", counts);
    if (counts.length == 0) {
      throw new IllegalArgumentException("counts must not be empty");
    }
    double sum = 0;
    for (int i = 0; i < counts.length; i++) {
      Checks.nonNegative("counts[" + i + "]", counts[i]);
      sum += Math.log1p(counts[i]);
    }
    double mean = sum / counts.length;
    double ss = 0;
    for (double c : counts) {
      double d = Math.log1p(c) - mean;
      ss += d * d;
    }
    double std = Math.sqrt(ss / counts.length);
    return new Log1pZScore(mean, std > 1e-6 ? std : 1.0);
  }

  /**
   * Normalizes one count.
   *
   * @param count a count, finite and {@code >= 0}
   * @return {@code (log1p(count) - mean) / std}
   */
  public double toZ(double count) {
    return (Math.log1p(count) - mean) / std;
  }

  /**
   * The count whose normalized value is {@code z}, clamped at 0.
   *
   * @param z a normalized value
   * @return {@code max(0, expm1(z * std + mean))}
   */
  public double toCount(double z) {
    return Math.max(0.0, Math.expm1(z * std + mean));
  }

  /** The {@code log1p} value of normalized {@code z}: {@code z * std + mean}. */
  public double toLog(double z) {
    return z * std + mean;
  }
}
