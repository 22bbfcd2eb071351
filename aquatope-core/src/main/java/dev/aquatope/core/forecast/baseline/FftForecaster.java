package dev.aquatope.core.forecast.baseline;

import dev.aquatope.core.forecast.AbstractForecaster;
import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.spi.InvocationForecaster;
import dev.aquatope.core.util.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * IceBreaker-style FFT baseline: linear detrend, keep the {@link Config#harmonics} strongest
 * harmonics of the last {@link Config#window} windows, extrapolate one step, clamp at zero (see
 * {@link HarmonicExtrapolator} for the method and its one refinement).
 *
 * <p>The method has no trained parameters; {@code fit} estimates the forecast's std as the root
 * mean square of the one-step errors over (the last {@link Config#residualWindows} windows of)
 * the training history, so that intervals and coverage are defined.
 */
public final class FftForecaster extends AbstractForecaster<FftForecaster.Config, FftForecaster.State> {
  /** The provider name. */
  public static final String NAME = "fft";

  /**
   * Options.
   *
   * @param window number of recent windows analysed, {@code >= 4}
   * @param harmonics harmonics kept, in {@code [1, window / 2]}
   * @param residualWindows training windows (from the end) used for the residual std, {@code >= 1}
   */
  public record Config(int window, int harmonics, int residualWindows) {
    /** Validates every field. */
    public Config {
      if (window < 4) {
        throw new IllegalArgumentException("window must be >= 4, was " + window);
      }
      if (harmonics < 1 || harmonics > window / 2) {
        throw new IllegalArgumentException("harmonics must be in [1, window/2 = " + (window / 2) + "], was " + harmonics);
      }
      Checks.positive("residualWindows", residualWindows);
    }

    /** IceBreaker's settings: 60 windows, 10 harmonics; residual std over the last 2 days. */
    public static Config defaults() {
      return new Config(60, 10, 2 * 1440);
    }
  }

  /**
   * What {@code fit} estimated.
   *
   * @param residualStd root mean square one-step error on the training history, finite, {@code >= 0}
   */
  public record State(double residualStd) {
    /** Validates the field. */
    public State {
      Checks.nonNegative("residualStd", residualStd);
    }
  }

  private final ThreadLocal<HarmonicExtrapolator> extrapolator;

  /**
   * An unfitted forecaster with {@link Config#defaults()}.
   *
   * @param seed recorded (the method is deterministic)
   */
  public FftForecaster(long seed) {
    this(Config.defaults(), seed);
  }

  /**
   * An unfitted forecaster.
   *
   * @param config the options
   * @param seed recorded (the method is deterministic)
   */
  public FftForecaster(Config config, long seed) {
    super(NAME, config, seed);
    this.extrapolator = ThreadLocal.withInitial(() -> new HarmonicExtrapolator(config.window(), config.harmonics()));
  }

  @Override
  public int minHistory() {
    return config().window();
  }

  @Override
  protected State train(List<double[]> history) {
    HarmonicExtrapolator h = extrapolator.get();
    double ss = 0;
    long n = 0;
    for (double[] y : history) {
      int from = Math.max(config().window(), y.length - config().residualWindows());
      for (int t = from; t < y.length; t++) {
        double e = Math.max(0.0, h.predict(y, t)) - y[t];
        ss += e * e;
        n++;
      }
    }
    return new State(n == 0 ? 0.0 : Math.sqrt(ss / n));
  }

  @Override
  protected Forecast predict(State state, double[] counts, int end) {
    double mean = extrapolator.get().predict(counts, end);
    if (!Double.isFinite(mean)) {
      throw new IllegalStateException("FFT extrapolation is not finite at window " + end);
    }
    return Forecast.normal(Math.max(0.0, mean), state.residualStd());
  }

  /** Registers {@code "fft"}. */
  public static final class Provider implements InvocationForecaster.Provider {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public InvocationForecaster create(long seed) {
      return new FftForecaster(seed);
    }

    @Override
    public InvocationForecaster load(InputStream in) throws IOException {
      return restoreFrom(in, NAME, Config.class, State.class, FftForecaster::new);
    }
  }
}
