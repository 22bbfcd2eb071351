package dev.aquatope.gp.baseline;

import dev.aquatope.core.model.OptimizationProblem;
import dev.aquatope.core.spi.ConstrainedBatchOptimizer;
import java.io.IOException;
import java.io.InputStream;

/** Registers {@link RandomSearchOptimizer} for {@link java.util.ServiceLoader} as {@code "random"}. */
public final class RandomSearchProvider implements ConstrainedBatchOptimizer.Provider {
  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public RandomSearchProvider() {}

  @Override
  public String name() {
    return RandomSearchOptimizer.NAME;
  }

  @Override
  public ConstrainedBatchOptimizer create(OptimizationProblem problem, long seed) {
    return new RandomSearchOptimizer(problem, seed);
  }

  @Override
  public ConstrainedBatchOptimizer restore(OptimizationProblem problem, InputStream in) throws IOException {
    return RandomSearchOptimizer.restore(problem, in);
  }
}
