package dev.aquatope.gp.model;

import dev.aquatope.core.util.Checks;
import dev.aquatope.gp.kernel.KernelStructure;
import dev.aquatope.gp.kernel.KernelType;

/**
 * Options of GP fitting; immutable record with validation and a {@link #defaults()} constant.
 *
 * @param kernel covariance family (the design default is Matérn-5/2)
 * @param priors hyperparameter prior set, which also decides whether there is an outputscale
 * @param standardize whether outputs are standardized (mean 0, unbiased std 1) before fitting;
 *     both prior sets assume it
 * @param minNoise lower bound of a learned noise variance, in standardized units (BoTorch: 1e-4)
 * @param restarts number of MAP starts, {@code >= 1}: the first from the prior set's initial
 *     values, the others from seeded prior draws; the best optimum wins
 * @param seed seed of the restart draws
 * @param structure null for one ARD kernel over all dimensions (BoTorch's model), else the
 *     grouping of an {@link dev.aquatope.gp.kernel.AdditiveKernel} whose components all use
 *     {@code kernel}; each component gets its own outputscale (with the Gamma(2, 0.15 C) prior
 *     for C components, under either prior set)
 */
public record GpOptions(KernelType kernel, PriorSet priors, boolean standardize, double minNoise,
    int restarts, long seed, KernelStructure structure) {

  private static final GpOptions DEFAULTS =
      new GpOptions(KernelType.MATERN52, PriorSet.GAMMA_LEGACY, true, 1e-4, 3, 0L);

  /** Validates every field. */
  public GpOptions {
    Checks.notNull("kernel", kernel);
    Checks.notNull("priors", priors);
    Checks.positive("minNoise", minNoise);
    Checks.positive("restarts", restarts);
  }

  /**
   * Options of a single ARD kernel ({@code structure} null).
   *
   * @param kernel covariance family
   * @param priors hyperparameter prior set
   * @param standardize whether outputs are standardized
   * @param minNoise lower bound of a learned noise variance
   * @param restarts number of MAP starts
   * @param seed seed of the restart draws
   */
  public GpOptions(KernelType kernel, PriorSet priors, boolean standardize, double minNoise, int restarts,
      long seed) {
    this(kernel, priors, standardize, minNoise, restarts, seed, null);
  }

  /**
   * Whether the kernel is additive over groups of dimensions.
   *
   * @return true when {@link #structure()} is set
   */
  public boolean additive() {
    return structure != null;
  }

  /**
   * The design defaults: Matérn-5/2 with the Gamma priors and a signal variance, standardized
   * outputs, noise floor 1e-4, 3 starts, seed 0.
   *
   * @return the default options
   */
  public static GpOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A copy with another kernel.
   *
   * @param newKernel the kernel family
   * @return the new options
   */
  public GpOptions withKernel(KernelType newKernel) {
    return new GpOptions(newKernel, priors, standardize, minNoise, restarts, seed, structure);
  }

  /**
   * A copy with another prior set.
   *
   * @param newPriors the prior set
   * @return the new options
   */
  public GpOptions withPriors(PriorSet newPriors) {
    return new GpOptions(kernel, newPriors, standardize, minNoise, restarts, seed, structure);
  }

  /**
   * A copy with another number of starts.
   *
   * @param newRestarts number of MAP starts, {@code >= 1}
   * @return the new options
   */
  public GpOptions withRestarts(int newRestarts) {
    return new GpOptions(kernel, priors, standardize, minNoise, newRestarts, seed, structure);
  }

  /**
   * A copy with another seed.
   *
   * @param newSeed the seed
   * @return the new options
   */
  public GpOptions withSeed(long newSeed) {
    return new GpOptions(kernel, priors, standardize, minNoise, restarts, newSeed, structure);
  }

  /**
   * A copy with another kernel structure.
   *
   * @param newStructure the grouping of an additive kernel, or null for one ARD kernel
   * @return the new options
   */
  public GpOptions withStructure(KernelStructure newStructure) {
    return new GpOptions(kernel, priors, standardize, minNoise, restarts, seed, newStructure);
  }
}
