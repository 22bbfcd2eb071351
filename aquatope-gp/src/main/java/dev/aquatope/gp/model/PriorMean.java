package dev.aquatope.gp.model;

/**
 * A deterministic prior mean function {@code m(x)} for a {@link GaussianProcess}, e.g. a
 * prediction composed from per-stage models. A GP built with a prior mean models only the
 * residual {@code y - m(x)} (standardized, with its own learned constant mean as usual) and adds
 * {@code m(x)} back to every mean it returns in original units; variances and covariances are
 * those of the residual model, since {@code m} is deterministic.
 *
 * <p>Implementations must be pure (same point, same value), thread-safe (a GP and its
 * {@link BaselinePosterior} may be queried from several threads), must not modify the point and
 * should not allocate: {@link BaselinePosterior#pointRow} calls {@link #at} once per call on the
 * acquisition optimizer's hot path.
 */
@FunctionalInterface
public interface PriorMean {
  /**
   * The prior mean at a point.
   *
   * @param x a point of the unit cube with the GP's dimension. Must not be modified.
   * @return the prior mean in the GP's original output units (e.g. log seconds); must be finite,
   *     otherwise the GP throws an {@link IllegalStateException} naming the point
   */
  double at(double[] x);
}
