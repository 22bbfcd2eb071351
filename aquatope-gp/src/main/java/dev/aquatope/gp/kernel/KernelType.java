package dev.aquatope.gp.kernel;

/** The covariance function family of a GP. */
public enum KernelType {
  /** Matérn with smoothness 5/2: {@code (1 + sqrt5 r + 5/3 r^2) exp(-sqrt5 r)}. */
  MATERN52,
  /** Squared exponential: {@code exp(-r^2 / 2)}. */
  RBF
}
