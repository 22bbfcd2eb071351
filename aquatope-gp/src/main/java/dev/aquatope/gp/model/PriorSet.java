package dev.aquatope.gp.model;

/**
 * Hyperparameter priors: the classic Gamma set (botorch &lt;= 0.11) or botorch 0.12's
 * dimension-scaled LogNormal.
 *
 * <p>The prior set also decides whether the kernel has a learned signal variance, exactly as in
 * BoTorch: {@link #GAMMA_LEGACY} wraps the kernel in a ScaleKernel, {@link #LOGNORMAL_DIM_SCALED}
 * fixes the outputscale at 1.
 */
public enum PriorSet {
  /**
   * lengthscale ~ Gamma(3, 6) and outputscale ~ Gamma(2, 0.15), both softplus-transformed and
   * starting at ln 2; learned noise ~ Gamma(1.1, 0.05), bounded below, starting at 2.
   */
  GAMMA_LEGACY,
  /**
   * lengthscale ~ LogNormal(sqrt2 + ln(d)/2, sqrt3) bounded below by 0.025 and starting at its mode;
   * no outputscale (fixed at 1); learned noise ~ LogNormal(-4, 1), bounded below, starting at
   * e^-5.
   */
  LOGNORMAL_DIM_SCALED
}
