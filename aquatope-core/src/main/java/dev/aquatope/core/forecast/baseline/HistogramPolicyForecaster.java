package dev.aquatope.core.forecast.baseline;

import dev.aquatope.core.forecast.AbstractForecaster;
import dev.aquatope.core.forecast.ForecasterJson;
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
 * The hybrid histogram policy of Shahrad et al., "Serverless in the Wild" (USENIX ATC 2020),
 * turned into a count forecast.
 *
 * <p><b>The policy (fitted once on the training history).</b> An <i>idle time</i> (IT) is the
 * number of empty windows between two consecutive active windows (count {@code > 0}); back-to-back
 * active windows have IT 0. ITs below {@link Config#rangeMinutes} (4 h) fill a histogram of 1-min
 * bins; longer ones are out of bounds (OOB). Then:
 * <ul>
 *   <li>{@link Mode#ARIMA}: if more than {@link Config#oobFraction} of the ITs are OOB, the next IT
 *       {@code î} is predicted by an ARIMA model of the IT sequence (order by AIC, {@code p, q <= 1})
 *       and the function is expected in {@code [(1 - m) î, (1 + m) î]} idle minutes, {@code m} =
 *       {@link Config#arimaMargin} (15% in the paper). With fewer than {@link Config#arimaMinIdleTimes}
 *       ITs the mean IT stands in for the ARIMA prediction.
 *   <li>{@link Mode#HISTOGRAM}: if the histogram is representative (coefficient of variation of the
 *       bin counts {@code > } {@link Config#cvThreshold}), the pre-warm window is the
 *       {@link Config#headPercentile}th-percentile IT minus a {@link Config#margin} (10%) and the
 *       keep-alive window ends at the {@link Config#tailPercentile}th-percentile IT plus 10%.
 *   <li>{@link Mode#STANDARD}: otherwise, fixed keep-alive for the whole range (pre-warm 0,
 *       keep-alive 4 h).
 * </ul>
 *
 * <p><b>From policy to a count forecast.</b> Let {@code d} be the idle minutes since the last active
 * window of {@code recent} (0 if the last window was active). The policy keeps the function loaded
 * at the next window only if {@code d} is inside its window {@code [preWarm, keepAliveEnd]};
 * outside, the forecast is 0. Inside, the probability {@code p} that the next window is active is
 * the histogram's hazard {@code P(IT = d | IT >= d)}, smoothed with one pseudo-observation at the
 * training activity rate (ARIMA mode: a uniform arrival over the rest of the predicted window). The
 * count given activity is taken from the last {@link Config#recentActive} active windows, with
 * mean {@code c} and mean square {@code c2}. The forecast is the mixture's mean {@code p c} with
 * std {@code sqrt(p c2 - (p c)^2)}. So the policy's windows decide <i>whether</i> a container is
 * kept, and the recent per-active-minute counts decide <i>how many</i>.
 */
public final class HistogramPolicyForecaster
    extends AbstractForecaster<HistogramPolicyForecaster.Config, HistogramPolicyForecaster.State> {
  /** The provider name. */
  public static final String NAME = "histogram";

  /** Which branch of the hybrid policy the training history selected. */
  public enum Mode {
    /** A representative idle-time histogram: pre-warm and keep-alive windows from its percentiles. */
    HISTOGRAM,
    /** Not representative: fixed keep-alive over the whole histogram range. */
    STANDARD,
    /** Mostly out-of-bounds idle times: the next idle time is predicted by ARIMA. */
    ARIMA
  }

  /**
   * Options (defaults from the paper).
   *
   * @param rangeMinutes histogram range in minutes (one bin per minute), {@code >= 2}
   * @param headPercentile percentile of the ITs that sets the pre-warm window, in (0, 100)
   * @param tailPercentile percentile of the ITs that sets the keep-alive window, in (head, 100]
   * @param margin relative margin applied to both percentiles, in [0, 1)
   * @param cvThreshold smallest coefficient of variation of the bin counts for a representative histogram, {@code >= 0}
   * @param oobFraction fraction of OOB ITs above which ARIMA is used, in [0, 1]
   * @param arimaMargin relative half-width of the window around the ARIMA-predicted IT, in [0, 1)
   * @param arimaMinIdleTimes fewest ITs for fitting ARIMA (else the mean IT), {@code >= 5}
   * @param recentActive active windows averaged for the count given activity, {@code >= 1}
   */
  public record Config(int rangeMinutes, double headPercentile, double tailPercentile, double margin,
      double cvThreshold, double oobFraction, double arimaMargin, int arimaMinIdleTimes, int recentActive) {
    /** Validates every field. */
    public Config {
      if (rangeMinutes < 2) {
        throw new IllegalArgumentException("rangeMinutes must be >= 2, was " + rangeMinutes);
      }
      if (!(headPercentile > 0 && headPercentile < 100)) {
        throw new IllegalArgumentException("headPercentile must be in (0, 100), was " + headPercentile);
      }
      if (!(tailPercentile > headPercentile && tailPercentile <= 100)) {
        throw new IllegalArgumentException("tailPercentile must be in (headPercentile, 100], was " + tailPercentile);
      }
      if (!(margin >= 0 && margin < 1)) {
        throw new IllegalArgumentException("margin must be in [0, 1), was " + margin);
      }
      Checks.nonNegative("cvThreshold", cvThreshold);
      Checks.probability("oobFraction", oobFraction);
      if (!(arimaMargin >= 0 && arimaMargin < 1)) {
        throw new IllegalArgumentException("arimaMargin must be in [0, 1), was " + arimaMargin);
      }
      if (arimaMinIdleTimes < 5) {
        throw new IllegalArgumentException("arimaMinIdleTimes must be >= 5, was " + arimaMinIdleTimes);
      }
      Checks.positive("recentActive", recentActive);
    }

    /** The paper's settings: 4 h range, 5th/99th percentiles, 10% margins, CV 2, ARIMA margin 15%. */
    public static Config defaults() {
      return new Config(240, 5, 99, 0.10, 2.0, 0.5, 0.15, 10, 10);
    }
  }

  /**
   * The fitted policy.
   *
   * @param mode the branch selected
   * @param histogram in-bound IT counts per 1-minute bin, length {@code rangeMinutes}
   * @param outOfBounds number of OOB ITs
   * @param preWarm first idle minute at which the function is kept loaded ({@code >= 0})
   * @param keepAliveEnd last idle minute at which it is kept loaded ({@code >= preWarm})
   * @param activeFraction fraction of active windows in the training history, in [0, 1]
   * @param meanIdleTime mean of all ITs (0 if none)
   * @param idleTimeModel ARIMA model of the IT sequence (mode ARIMA with enough ITs), else null
   */
  public record State(Mode mode, double[] histogram, long outOfBounds, int preWarm, int keepAliveEnd,
      double activeFraction, double meanIdleTime, ArimaModel idleTimeModel) {
    /** Validates and copies. */
    public State {
      Checks.notNull("mode", mode);
      Checks.notNull("histogram", histogram);
      histogram = histogram.clone();
      for (int i = 0; i < histogram.length; i++) {
        Checks.nonNegative("histogram[" + i + "]", histogram[i]);
      }
      if (outOfBounds < 0) {
        throw new IllegalArgumentException("outOfBounds must be >= 0, was " + outOfBounds);
      }
      Checks.nonNegative("preWarm", preWarm);
      if (keepAliveEnd < preWarm) {
        throw new IllegalArgumentException("keepAliveEnd must be >= preWarm = " + preWarm + ", was " + keepAliveEnd);
      }
      Checks.probability("activeFraction", activeFraction);
      Checks.nonNegative("meanIdleTime", meanIdleTime);
    }

    /** A copy of the histogram. */
    @Override
    public double[] histogram() {
      return histogram.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof State s && mode == s.mode && Arrays.equals(histogram, s.histogram) && outOfBounds == s.outOfBounds
          && preWarm == s.preWarm && keepAliveEnd == s.keepAliveEnd
          && Double.compare(activeFraction, s.activeFraction) == 0 && Double.compare(meanIdleTime, s.meanIdleTime) == 0
          && java.util.Objects.equals(idleTimeModel, s.idleTimeModel);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(mode, Arrays.hashCode(histogram), outOfBounds, preWarm, keepAliveEnd);
    }

    @Override
    public String toString() {
      return "State[" + mode + ", preWarm=" + preWarm + ", keepAliveEnd=" + keepAliveEnd + ", outOfBounds=" + outOfBounds
          + ", activeFraction=" + activeFraction + ", meanIdleTime=" + meanIdleTime + ", idleTimeModel=" + idleTimeModel + "]";
    }
  }

  /**
   * An unfitted forecaster with {@link Config#defaults()}.
   *
   * @param seed recorded (the method is deterministic)
   */
  public HistogramPolicyForecaster(long seed) {
    this(Config.defaults(), seed);
  }

  /**
   * An unfitted forecaster.
   *
   * @param config the options
   * @param seed recorded (the method is deterministic)
   */
  public HistogramPolicyForecaster(Config config, long seed) {
    super(NAME, config, seed);
  }

  @Override
  public int minHistory() {
    return 2;
  }

  @Override
  protected State train(List<double[]> history) {
    Config c = config();
    double[] hist = new double[c.rangeMinutes()];
    long oob = 0;
    long active = 0;
    long windows = 0;
    List<Double> idleTimes = new ArrayList<>();
    for (double[] y : history) {
      int last = -1;
      for (int t = 0; t < y.length; t++) {
        if (y[t] > 0) {
          if (last >= 0) {
            int it = t - last - 1;
            idleTimes.add((double) it);
            if (it < c.rangeMinutes()) {
              hist[it]++;
            } else {
              oob++;
            }
          }
          last = t;
          active++;
        }
      }
      windows += y.length;
    }
    double activeFraction = (double) active / windows;
    double meanIt = idleTimes.stream().mapToDouble(Double::doubleValue).average().orElse(0.0);
    long inBound = idleTimes.size() - oob;
    if (!idleTimes.isEmpty() && oob > c.oobFraction() * idleTimes.size()) {
      ArimaModel m = null;
      if (idleTimes.size() >= c.arimaMinIdleTimes()) {
        double[] its = idleTimes.stream().mapToDouble(Double::doubleValue).toArray();
        m = new ArimaFitter(2000).select(List.of(its), 1, 0, 1);
      }
      return new State(Mode.ARIMA, hist, oob, 0, 0, activeFraction, meanIt, m);
    }
    if (inBound > 0 && coefficientOfVariation(hist) > c.cvThreshold()) {
      int head = percentileBin(hist, inBound, c.headPercentile());
      int tail = percentileBin(hist, inBound, c.tailPercentile());
      int preWarm = (int) Math.floor(head * (1 - c.margin()));
      int keepAliveEnd = (int) Math.ceil(tail * (1 + c.margin()));
      return new State(Mode.HISTOGRAM, hist, oob, preWarm, keepAliveEnd, activeFraction, meanIt, null);
    }
    return new State(Mode.STANDARD, hist, oob, 0, c.rangeMinutes() - 1, activeFraction, meanIt, null);
  }

  @Override
  protected Forecast predict(State s, double[] counts, int end) {
    Config c = config();
    int want = Math.max(c.recentActive(), s.mode() == Mode.ARIMA ? 64 : 0);
    int[] activeIdx = new int[want];
    int found = 0;
    for (int t = end - 1; t >= 0 && found < want; t--) {
      if (counts[t] > 0) {
        activeIdx[found++] = t;
      }
    }
    if (found == 0) {
      return Forecast.point(0.0);
    }
    int d = end - 1 - activeIdx[0];
    double p = switch (s.mode()) {
      case HISTOGRAM, STANDARD -> d < s.preWarm() || d > s.keepAliveEnd() ? 0.0 : hazard(s, d);
      case ARIMA -> arimaProbability(s, activeIdx, found, d);
    };
    int n = Math.min(found, c.recentActive());
    double mean = 0;
    double meanSquare = 0;
    for (int i = 0; i < n; i++) {
      double v = counts[activeIdx[i]];
      mean += v;
      meanSquare += v * v;
    }
    mean /= n;
    meanSquare /= n;
    double m = p * mean;
    double var = p * meanSquare - m * m;
    return Forecast.normal(m, Math.sqrt(Math.max(var, 0.0)));
  }

  /** {@code P(IT = d | IT >= d)} from the histogram, with one pseudo-observation at the activity rate. */
  private static double hazard(State s, int d) {
    double[] h = s.histogram;
    double atD = d < h.length ? h[d] : 0.0;
    double atLeast = s.outOfBounds();
    for (int j = Math.min(d, h.length); j < h.length; j++) {
      atLeast += h[j];
    }
    return (atD + s.activeFraction()) / (atLeast + 1.0);
  }

  private double arimaProbability(State s, int[] activeIdx, int found, int d) {
    double predicted = s.meanIdleTime();
    ArimaModel m = s.idleTimeModel();
    if (m != null && found - 1 >= m.minObservations()) {
      // the recent idle times, oldest first
      double[] its = new double[found - 1];
      for (int i = 0; i < found - 1; i++) {
        its[found - 2 - i] = activeIdx[i] - activeIdx[i + 1] - 1;
      }
      double v = m.predictNext(its, its.length, its.length);
      if (Double.isFinite(v)) {
        predicted = Math.max(0.0, v);
      }
    }
    int lo = (int) Math.floor(predicted * (1 - config().arimaMargin()));
    int hi = (int) Math.ceil(predicted * (1 + config().arimaMargin()));
    if (d < lo || d > hi) {
      return 0.0;
    }
    return 1.0 / (hi - d + 1);
  }

  private static double coefficientOfVariation(double[] hist) {
    double mean = 0;
    for (double v : hist) {
      mean += v;
    }
    mean /= hist.length;
    if (mean == 0) {
      return 0;
    }
    double ss = 0;
    for (double v : hist) {
      ss += (v - mean) * (v - mean);
    }
    return Math.sqrt(ss / hist.length) / mean;
  }

  /** The smallest bin whose cumulative count reaches {@code pct}% of {@code total}. */
  private static int percentileBin(double[] hist, long total, double pct) {
    double target = pct / 100.0 * total;
    double cum = 0;
    for (int i = 0; i < hist.length; i++) {
      cum += hist[i];
      if (cum >= target) {
        return i;
      }
    }
    return hist.length - 1;
  }

  /** Registers {@code "histogram"}. */
  public static final class Provider implements InvocationForecaster.Provider {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public InvocationForecaster create(long seed) {
      return new HistogramPolicyForecaster(seed);
    }

    @Override
    public InvocationForecaster load(InputStream in) throws IOException {
      ForecasterJson.Envelope<Config, State> e = ForecasterJson.read(in, NAME, Config.class, State.class);
      if (e.state().histogram().length != e.config().rangeMinutes()) {
        throw new IOException("saved histogram has " + e.state().histogram().length + " bins, config says "
            + e.config().rangeMinutes());
      }
      HistogramPolicyForecaster f = new HistogramPolicyForecaster(e.config(), e.seed());
      f.restore(e.state());
      return f;
    }
  }
}
