package dev.aquatope.gp.model;

import dev.aquatope.core.util.Checks;

/**
 * Closed-form leave-one-out predictive means and standard deviations (including observation
 * noise) of every training point, in the outputs' original units.
 *
 * @param mean predictive mean of each training point from all the others
 * @param std predictive standard deviation, same length
 */
public record LeaveOneOut(double[] mean, double[] std) {
  /** Validates the lengths and makes defensive copies. */
  public LeaveOneOut {
    Checks.notNull("mean", mean);
    Checks.notNull("std", std);
    if (mean.length != std.length) {
      throw new IllegalArgumentException("mean and std must have the same length, were "
          + mean.length + " and " + std.length);
    }
    mean = mean.clone();
    std = std.clone();
  }

  /**
   * The means (a copy).
   *
   * @return the means
   */
  @Override
  public double[] mean() {
    return mean.clone();
  }

  /**
   * The standard deviations (a copy).
   *
   * @return the standard deviations
   */
  @Override
  public double[] std() {
    return std.clone();
  }
}
