package dev.aquatope.gp.model;

import dev.aquatope.core.util.Checks;

/**
 * Joint Gaussian posterior of the latent function over m points, in the outputs' original units.
 *
 * @param mean posterior means, length m
 * @param covariance m x m posterior covariance
 */
public record Posterior(double[] mean, double[][] covariance) {
  /** Validates the shapes and makes defensive copies. */
  public Posterior {
    Checks.notNull("mean", mean);
    Checks.notNull("covariance", covariance);
    if (covariance.length != mean.length) {
      throw new IllegalArgumentException("covariance must have " + mean.length + " rows, had "
          + covariance.length);
    }
    mean = mean.clone();
    double[][] c = new double[covariance.length][];
    for (int i = 0; i < c.length; i++) {
      if (covariance[i].length != mean.length) {
        throw new IllegalArgumentException("covariance row " + i + " must have " + mean.length
            + " columns, had " + covariance[i].length);
      }
      c[i] = covariance[i].clone();
    }
    covariance = c;
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
   * The covariance (a deep copy).
   *
   * @return the covariance
   */
  @Override
  public double[][] covariance() {
    double[][] c = new double[covariance.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = covariance[i].clone();
    }
    return c;
  }
}
