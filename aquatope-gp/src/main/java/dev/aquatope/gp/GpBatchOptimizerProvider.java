package dev.aquatope.gp;

import dev.aquatope.core.model.OptimizationProblem;
import dev.aquatope.core.spi.ConstrainedBatchOptimizer;
import java.io.IOException;
import java.io.InputStream;

/** Registers {@link GpBatchOptimizer} for {@link java.util.ServiceLoader} as {@code "gp-qnei"}. */
public final class GpBatchOptimizerProvider implements ConstrainedBatchOptimizer.Provider {
  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public GpBatchOptimizerProvider() {}

  @Override
  public String name() {
    return GpBatchOptimizer.NAME;
  }

  @Override
  public ConstrainedBatchOptimizer create(OptimizationProblem problem, long seed) {
    return GpBatchOptimizer.newBuilder(problem).seed(seed).build();
  }

  @Override
  public ConstrainedBatchOptimizer restore(OptimizationProblem problem, InputStream in) throws IOException {
    return GpBatchOptimizer.restore(problem, in);
  }
}
