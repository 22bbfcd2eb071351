package dev.aquatope.gp.optim;

/**
 * Settings of {@link GridAcquisitionOptimizer}.
 *
 * <p>The default of 1024 raw samples (BoTorch's examples use 32 to 512 for continuous
 * optimization, where L-BFGS-B then walks to the optimum) is larger because a grid offers no
 * gradient: the raw scoring is what finds the right basin, and on the benchmark spaces (up to
 * 15 dimensions with 10 to 40 levels each) fewer raw samples missed basins that the local search
 * could not reach by single-level steps.
 *
 * @param rawSamples number of raw candidates scored before local refinement, {@code >= 1}
 * @param numRestarts number of the best raw candidates refined by local search,
 *     {@code 1 <= numRestarts <= rawSamples}
 * @param maxLocalSteps cap on accepted moves per restart, {@code >= 0} (0 disables refinement)
 * @param randomMoves number of random multi-coordinate moves tried at each local optimum to
 *     escape it, {@code >= 0}
 */
public record GridSearchOptions(int rawSamples, int numRestarts, int maxLocalSteps, int randomMoves) {
  /** Validates every field and the cross-field rule {@code numRestarts <= rawSamples}. */
  public GridSearchOptions {
    if (rawSamples < 1) {
      throw new IllegalArgumentException("rawSamples must be >= 1, was " + rawSamples);
    }
    if (numRestarts < 1) {
      throw new IllegalArgumentException("numRestarts must be >= 1, was " + numRestarts);
    }
    if (numRestarts > rawSamples) {
      throw new IllegalArgumentException("numRestarts must be <= rawSamples (" + rawSamples + "), was " + numRestarts);
    }
    if (maxLocalSteps < 0) {
      throw new IllegalArgumentException("maxLocalSteps must be >= 0, was " + maxLocalSteps);
    }
    if (randomMoves < 0) {
      throw new IllegalArgumentException("randomMoves must be >= 0, was " + randomMoves);
    }
  }

  /**
   * The defaults: 1024 raw samples, 10 restarts, at most 200 moves per restart, 20 random moves.
   *
   * @return the default options
   */
  public static GridSearchOptions defaults() {
    return new GridSearchOptions(1024, 10, 200, 20);
  }
}
