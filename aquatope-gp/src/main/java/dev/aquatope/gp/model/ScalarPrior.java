package dev.aquatope.gp.model;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.special.Gamma;

/**
 * A prior on one positive hyperparameter, evaluated on the constrained value without a Jacobian
 * term (as GPyTorch does), with its derivative and a seeded sampler.
 */
record ScalarPrior(boolean gamma, double a, double b) {
  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

  /** Gamma(concentration, rate). */
  static ScalarPrior gamma(double concentration, double rate) {
    return new ScalarPrior(true, concentration, rate);
  }

  /** LogNormal(loc, scale) of the log. */
  static ScalarPrior logNormal(double loc, double scale) {
    return new ScalarPrior(false, loc, scale);
  }

  /** Log density at x > 0. */
  double logProb(double x) {
    if (gamma) {
      return a * Math.log(b) + (a - 1) * Math.log(x) - b * x - Gamma.logGamma(a);
    }
    double z = (Math.log(x) - a) / b;
    return -Math.log(x) - Math.log(b) - HALF_LOG_2PI - 0.5 * z * z;
  }

  /** Derivative of the log density at x > 0. */
  double dLogProb(double x) {
    if (gamma) {
      return (a - 1) / x - b;
    }
    return -1.0 / x - (Math.log(x) - a) / (b * b * x);
  }

  /** Mode of the distribution. */
  double mode() {
    return gamma ? Math.max((a - 1) / b, 0) : Math.exp(a - b * b);
  }

  /** One seeded draw. */
  double sample(RandomGenerator rng) {
    if (gamma) {
      return new GammaDistribution(rng, a, 1.0 / b).sample();
    }
    return new LogNormalDistribution(rng, a, b).sample();
  }
}
