package dev.aquatope.nn.model;

import dev.aquatope.core.spi.InvocationForecaster;
import java.io.IOException;
import java.io.InputStream;

/** Registers {@link HybridBayesianForecaster} as {@code "hybrid-bnn"} for {@link java.util.ServiceLoader}. */
public final class HybridBayesianForecasterProvider implements InvocationForecaster.Provider {
  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public HybridBayesianForecasterProvider() {}

  @Override
  public String name() {
    return HybridBayesianForecaster.NAME;
  }

  /**
   * A forecaster with the default configuration and the given seed.
   *
   * @param seed the seed
   * @return an unfitted forecaster
   */
  @Override
  public InvocationForecaster create(long seed) {
    return HybridBayesianForecaster.create(HybridConfig.newBuilder().seed(seed).build());
  }

  @Override
  public InvocationForecaster load(InputStream in) throws IOException {
    return HybridBayesianForecaster.load(in);
  }
}
