package dev.aquatope.core.forecast.baseline;

import dev.aquatope.core.forecast.AbstractForecaster;
import dev.aquatope.core.forecast.arima.ArimaFitter;
import dev.aquatope.core.forecast.arima.ArimaModel;
import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.spi.InvocationForecaster;
import dev.aquatope.core.util.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ARIMA(p, d, q) baseline: {@code fit} selects the order by AIC over {@code p <= maxP},
 * {@code d <= maxD}, {@code q <= maxQ} and estimates it by conditional sum of squares
 * ({@link ArimaFitter}) once, on the last {@link Config#maxFitWindows} windows of each training
 * series; {@code forecast} applies the fitted coefficients to the recent windows (no refit).
 *
 * <p>The forecast is normal with the model's one-step innovation std {@code sqrt(sigma2)}; its mean
 * is the model's prediction clamped at zero (counts cannot be negative).
 */
public final class ArimaForecaster extends AbstractForecaster<ArimaForecaster.Config, ArimaForecaster.State> {
  /** The provider name. */
  public static final String NAME = "arima";

  /**
   * Options.
   *
   * @param maxP largest AR order tried, in [0, 5]
   * @param maxD largest differencing order tried, in [0, 2]
   * @param maxQ largest MA order tried, in [0, 5]
   * @param maxFitWindows fit on at most the last this many windows of each series, {@code >= 100}
   * @param burnIn windows over which MA residuals are rebuilt at forecast time, {@code >= 10}
   * @param maxEvaluations Nelder-Mead evaluations per candidate, {@code >= 100}
   */
  public record Config(int maxP, int maxD, int maxQ, int maxFitWindows, int burnIn, int maxEvaluations) {
    /** Validates every field. */
    public Config {
      if (maxP < 0 || maxP > 5) {
        throw new IllegalArgumentException("maxP must be in [0, 5], was " + maxP);
      }
      if (maxD < 0 || maxD > 2) {
        throw new IllegalArgumentException("maxD must be in [0, 2], was " + maxD);
      }
      if (maxQ < 0 || maxQ > 5) {
        throw new IllegalArgumentException("maxQ must be in [0, 5], was " + maxQ);
      }
      if (maxFitWindows < 100) {
        throw new IllegalArgumentException("maxFitWindows must be >= 100, was " + maxFitWindows);
      }
      if (burnIn < 10) {
        throw new IllegalArgumentException("burnIn must be >= 10, was " + burnIn);
      }
      if (maxEvaluations < 100) {
        throw new IllegalArgumentException("maxEvaluations must be >= 100, was " + maxEvaluations);
      }
    }

    /** The defaults: {@code p <= 3, d <= 1, q <= 2}, fit on the last 7 days, burn-in 240, 3000 evaluations. */
    public static Config defaults() {
      return new Config(3, 1, 2, 7 * 1440, 240, 3000);
    }
  }

  /**
   * The fitted model.
   *
   * @param model the ARIMA model chosen by AIC
   */
  public record State(ArimaModel model) {
    /** Validates the field. */
    public State {
      Checks.notNull("model", model);
    }
  }

  /**
   * An unfitted forecaster with {@link Config#defaults()}.
   *
   * @param seed recorded (the fit is deterministic)
   */
  public ArimaForecaster(long seed) {
    this(Config.defaults(), seed);
  }

  /**
   * An unfitted forecaster.
   *
   * @param config the options
   * @param seed recorded (the fit is deterministic)
   */
  public ArimaForecaster(Config config, long seed) {
    super(NAME, config, seed);
  }

  @Override
  public int minHistory() {
    // enough for the conditioning values plus a usable sum of squares
    return Math.max(30, 4 * (config().maxP() + config().maxD() + config().maxQ()) + 10);
  }

  @Override
  protected State train(List<double[]> history) {
    List<double[]> tails = new ArrayList<>(history.size());
    for (double[] h : history) {
      tails.add(h.length <= config().maxFitWindows() ? h : Arrays.copyOfRange(h, h.length - config().maxFitWindows(), h.length));
    }
    ArimaModel m = new ArimaFitter(config().maxEvaluations()).select(tails, config().maxP(), config().maxD(), config().maxQ());
    return new State(m);
  }

  @Override
  protected Forecast predict(State state, double[] counts, int end) {
    double mean = state.model().predictNext(counts, end, config().burnIn());
    if (!Double.isFinite(mean)) {
      throw new IllegalStateException("ARIMA prediction is not finite for " + state.model());
    }
    return Forecast.normal(Math.max(0.0, mean), Math.sqrt(state.model().sigma2()));
  }

  /** Registers {@code "arima"}. */
  public static final class Provider implements InvocationForecaster.Provider {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public InvocationForecaster create(long seed) {
      return new ArimaForecaster(seed);
    }

    @Override
    public InvocationForecaster load(InputStream in) throws IOException {
      return restoreFrom(in, NAME, Config.class, State.class, ArimaForecaster::new);
    }
  }
}
