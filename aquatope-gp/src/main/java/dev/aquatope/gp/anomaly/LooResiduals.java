package dev.aquatope.gp.anomaly;

import dev.aquatope.core.util.Checks;

/**
 * Leave-one-out predictions of one model for the observations it was fitted on.
 *
 * @param indices the caller's index of each observation
 * @param observed the observed values (model units)
 * @param mean the leave-one-out predictive mean of each
 * @param std the leave-one-out predictive standard deviation of each (including observation
 *     noise), {@code > 0}
 */
public record LooResiduals(int[] indices, double[] observed, double[] mean, double[] std) {
  /** Validates and copies the arrays. */
  public LooResiduals {
    Checks.notNull("indices", indices);
    Checks.notNull("observed", observed);
    Checks.notNull("mean", mean);
    Checks.notNull("std", std);
    int n = indices.length;
    if (observed.length != n || mean.length != n || std.length != n) {
      throw new IllegalArgumentException("indices, observed, mean and std must have the same length, were "
          + n + ", " + observed.length + ", " + mean.length + ", " + std.length);
    }
    for (int i = 0; i < n; i++) {
      Checks.finite("observed[" + i + "]", observed[i]);
      Checks.finite("mean[" + i + "]", mean[i]);
      Checks.positive("std[" + i + "]", std[i]);
    }
    indices = indices.clone();
    observed = observed.clone();
    mean = mean.clone();
    std = std.clone();
  }

  /**
   * The standardized residual of entry {@code i}.
   *
   * @param i position in these arrays
   * @return {@code (observed - mean) / std}
   */
  public double z(int i) {
    return (observed[i] - mean[i]) / std[i];
  }

  @Override
  public int[] indices() {
    return indices.clone();
  }

  @Override
  public double[] observed() {
    return observed.clone();
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] std() {
    return std.clone();
  }
}
