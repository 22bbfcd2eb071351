package dev.aquatope.gp.baseline;

import dev.aquatope.core.model.OptimizationProblem;
import dev.aquatope.core.spi.ConstrainedBatchOptimizer;
import java.io.IOException;
import java.io.InputStream;

/** Registers {@link CliteOptimizer} for {@link java.util.ServiceLoader} as {@code "clite"}. */
public final class CliteProvider implements ConstrainedBatchOptimizer.Provider {
  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public CliteProvider() {}

  @Override
  public String name() {
    return CliteOptimizer.NAME;
  }

  @Override
  public ConstrainedBatchOptimizer create(OptimizationProblem problem, long seed) {
    return new CliteOptimizer(problem, seed, CliteOptimizer.DEFAULT_N_INIT);
  }

  @Override
  public ConstrainedBatchOptimizer restore(OptimizationProblem problem, InputStream in) throws IOException {
    return CliteOptimizer.restore(problem, in);
  }
}
