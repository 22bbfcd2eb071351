package dev.aquatope.core.forecast.baseline;

import dev.aquatope.core.forecast.AbstractForecaster;
import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.spi.InvocationForecaster;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The fixed keep-alive baseline: the next window's count is the last window's count (a point
 * forecast, std 0). With a platform that keeps containers alive for some minutes, this is the
 * number of containers the last window left warm.
 */
public final class KeepAliveForecaster extends AbstractForecaster<KeepAliveForecaster.Config, KeepAliveForecaster.State> {
  /** The provider name. */
  public static final String NAME = "keep-alive";

  /** No options: the record exists so every forecaster saves a config. */
  public record Config() {}

  /**
   * What {@code fit} learned: nothing but the amount of history it saw.
   *
   * @param trainedWindows total windows in the training history, {@code >= 1}
   */
  public record State(long trainedWindows) {
    /** Validates the field. */
    public State {
      if (trainedWindows < 1) {
        throw new IllegalArgumentException("trainedWindows must be >= 1, was " + trainedWindows);
      }
    }
  }

  /**
   * An unfitted forecaster.
   *
   * @param seed unused (the method is deterministic); recorded in the saved state
   */
  public KeepAliveForecaster(long seed) {
    super(NAME, new Config(), seed);
  }

  @Override
  public int minHistory() {
    return 1;
  }

  @Override
  protected State train(List<double[]> history) {
    long n = 0;
    for (double[] h : history) {
      n += h.length;
    }
    return new State(n);
  }

  @Override
  protected Forecast predict(State state, double[] counts, int end) {
    return Forecast.point(counts[end - 1]);
  }

  /** Registers {@code "keep-alive"}. */
  public static final class Provider implements InvocationForecaster.Provider {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public InvocationForecaster create(long seed) {
      return new KeepAliveForecaster(seed);
    }

    @Override
    public InvocationForecaster load(InputStream in) throws IOException {
      return restoreFrom(in, NAME, Config.class, State.class, (c, seed) -> new KeepAliveForecaster(seed));
    }
  }
}
