package dev.aquatope.nn.model;

import dev.aquatope.core.spi.InvocationForecaster;
import java.io.IOException;
import java.io.InputStream;

/** Registers {@link LstmForecaster} as {@code "lstm"} for {@link java.util.ServiceLoader}. */
public final class LstmForecasterProvider implements InvocationForecaster.Provider {
  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public LstmForecasterProvider() {}

  @Override
  public String name() {
    return LstmForecaster.NAME;
  }

  /**
   * A forecaster with the default configuration and the given seed.
   *
   * @param seed the seed
   * @return an unfitted forecaster
   */
  @Override
  public InvocationForecaster create(long seed) {
    return LstmForecaster.create(LstmConfig.newBuilder().seed(seed).build());
  }

  @Override
  public InvocationForecaster load(InputStream in) throws IOException {
    return LstmForecaster.load(in);
  }
}
