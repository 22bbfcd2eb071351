package dev.aquatope.core.forecast.eval;

import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.spi.InvocationForecaster;
import dev.aquatope.core.util.Checks;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Fits a forecaster on the first {@code trainWindows} windows of a series and forecasts every
 * later window one step ahead with {@link InvocationForecaster#forecastRolling} (true history up
 * to each step, no retraining), then scores the forecasts and times the work.
 *
 * <p>Latency: {@code forecastRolling} may batch, so its time per window is reported separately;
 * the single-call latency (median, p99) is measured on up to {@link Builder#latencySamples}
 * evenly spaced test steps, each a call of {@link InvocationForecaster#forecast} on the history up
 * to that step (the history copy is made outside the timed region), after a few untimed warm-up
 * calls. Times come from an injectable nanosecond clock.
 *
 * <pre>{@code
 * EvaluationResult r = RollingEvaluation.newBuilder().trainWindows(7 * 1440).build()
 *     .evaluate(Providers.forecaster("arima", 42L), series);
 * }</pre>
 */
public final class RollingEvaluation {
  private static final int WARMUP_CALLS = 5;

  private final int trainWindows;
  private final boolean fit;
  private final int latencySamples;
  private final LongSupplier nanoClock;

  private RollingEvaluation(Builder b) {
    this.trainWindows = b.trainWindows;
    this.fit = b.fit;
    this.latencySamples = b.latencySamples;
    this.nanoClock = b.nanoClock;
  }

  /** A builder. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * The forecasts of windows {@code [trainWindows, series.size())}, as scored by {@link #evaluate}.
   *
   * @param forecaster a fitted forecaster
   * @param series the whole series
   * @return one forecast per test window
   */
  public List<Forecast> forecasts(InvocationForecaster forecaster, InvocationSeries series) {
    return forecaster.forecastRolling(series, trainWindows);
  }

  /**
   * Trains (unless configured not to), forecasts the test windows, scores and times.
   *
   * @param forecaster the forecaster; fitted here on {@code series.slice(0, trainWindows)} unless
   *     {@link Builder#fit(boolean)} was false, in which case it must already be fitted
   * @param series the whole series: training windows then test windows
   * @return the scores and timings
   * @throws IllegalArgumentException if the series has no test window or is too short for the forecaster
   * @throws IllegalStateException if {@code fit} is false and the forecaster is not fitted
   */
  public EvaluationResult evaluate(InvocationForecaster forecaster, InvocationSeries series) {
    Checks.notNull("forecaster", forecaster);
    Checks.notNull("series", series);
    if (series.size() <= trainWindows) {
      throw new IllegalArgumentException("series has " + series.size() + " windows: none left to test after "
          + trainWindows + " training windows");
    }
    double trainMillis = 0;
    if (fit) {
      long t0 = nanoClock.getAsLong();
      forecaster.fit(series.slice(0, trainWindows));
      trainMillis = (nanoClock.getAsLong() - t0) / 1e6;
    } else if (!forecaster.isFitted()) {
      throw new IllegalStateException("forecaster " + forecaster.name() + " is not fitted and fit(false) was set");
    }
    int test = series.size() - trainWindows;
    long r0 = nanoClock.getAsLong();
    List<Forecast> forecasts = forecasts(forecaster, series);
    double rollingMillis = (nanoClock.getAsLong() - r0) / 1e6;
    double[] actual = Arrays.copyOfRange(series.counts(), trainWindows, series.size());
    double[] latencies = latencies(forecaster, series, test);
    Percentile pct = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
    return new EvaluationResult(forecaster.name(), series.function(), fit ? trainWindows : 0, test,
        ForecastMetrics.smape(forecasts, actual), ForecastMetrics.smapeOfRounded(forecasts, actual),
        ForecastMetrics.mae(forecasts, actual),
        ForecastMetrics.coverage(forecasts, actual, 0.9), trainMillis, rollingMillis / test,
        latencies.length == 0 ? 0 : pct.evaluate(latencies, 50), latencies.length == 0 ? 0 : pct.evaluate(latencies, 99));
  }

  private double[] latencies(InvocationForecaster forecaster, InvocationSeries series, int test) {
    int n = Math.min(latencySamples, test);
    if (n == 0) {
      return new double[0];
    }
    int start = Math.max(trainWindows, forecaster.minHistory());
    for (int i = 0; i < WARMUP_CALLS; i++) {
      forecaster.forecast(series.slice(0, start));
    }
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      int t = trainWindows + (int) ((long) i * test / n);
      InvocationSeries history = series.slice(0, Math.max(t, forecaster.minHistory()));
      long t0 = nanoClock.getAsLong();
      forecaster.forecast(history);
      ms[i] = (nanoClock.getAsLong() - t0) / 1e6;
    }
    return ms;
  }

  /** Builds a {@link RollingEvaluation}; {@link #trainWindows} is required, each option may be set once. */
  public static final class Builder {
    private int trainWindows = -1;
    private boolean fit = true;
    private boolean fitSet;
    private int latencySamples = 200;
    private boolean latencySet;
    private LongSupplier nanoClock = System::nanoTime;
    private boolean clockSet;

    private Builder() {}

    /**
     * The number of leading windows used for training; the rest are forecast.
     *
     * @param windows {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code windows < 1}
     * @throws IllegalStateException if already set
     */
    public Builder trainWindows(int windows) {
      Checks.positive("trainWindows", windows);
      if (trainWindows >= 0) {
        throw new IllegalStateException("trainWindows was already set");
      }
      trainWindows = windows;
      return this;
    }

    /**
     * Whether {@link #build()}'s evaluation fits the forecaster (default true); false for a
     * forecaster loaded from a saved state.
     *
     * @param fitFirst whether to fit
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder fit(boolean fitFirst) {
      if (fitSet) {
        throw new IllegalStateException("fit was already set");
      }
      fit = fitFirst;
      fitSet = true;
      return this;
    }

    /**
     * How many single {@code forecast} calls to time (default 200; 0 for none).
     *
     * @param samples {@code >= 0}
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder latencySamples(int samples) {
      Checks.nonNegative("latencySamples", samples);
      if (latencySet) {
        throw new IllegalStateException("latencySamples was already set");
      }
      latencySamples = samples;
      latencySet = true;
      return this;
    }

    /**
     * The clock used for timings (default {@link System#nanoTime()}).
     *
     * @param clock a monotonic nanosecond clock
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder nanoClock(LongSupplier clock) {
      Checks.notNull("clock", clock);
      if (clockSet) {
        throw new IllegalStateException("nanoClock was already set");
      }
      nanoClock = clock;
      clockSet = true;
      return this;
    }

    /**
     * The evaluation.
     *
     * @return the evaluation
     * @throws IllegalStateException if {@link #trainWindows} was not set
     */
    public RollingEvaluation build() {
      if (trainWindows < 0) {
        throw new IllegalStateException("trainWindows must be set");
      }
      return new RollingEvaluation(this);
    }
  }
}
