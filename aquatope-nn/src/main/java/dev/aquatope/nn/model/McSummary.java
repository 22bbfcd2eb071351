package dev.aquatope.nn.model;

import dev.aquatope.core.model.Forecast;
import dev.aquatope.nn.data.Log1pZScore;
import org.apache.commons.math3.special.Erf;

/**
 * Turns MC-dropout samples of the normalized count into a {@link Forecast} in count space.
 *
 * <p><b>Where the uncertainty lives.</b> The networks work on {@code u = log1p(count)}
 * (z-scored). The {@code B} MC samples are mapped back to {@code u}; their variance is the model
 * variance {@code v}, and the inherent noise variance {@code eta^2} is also measured in {@code u}
 * (from validation residuals), so the total is {@code S^2 = v + eta^2} in log space, where the
 * noise of counts is roughly homoscedastic (a burst of 100 varies more than a trickle of 1). It is
 * mapped back to counts as a log-normal {@code count + 1 ~ LogNormal(m, S^2)} with {@code m} the
 * mean of the samples' {@code u}:
 * <ul>
 *   <li>the forecast's {@link Forecast#mean() mean} field carries the point forecast: the whole
 *       count that minimizes the expected SMAPE (the paper's metric) under this predictive
 *       distribution, found by evaluating the candidates 0 and the distribution's rounded
 *       quantiles against {@value #NODES} quantile nodes. Counts are integers, and where an idle
 *       window is likely the best point is exactly 0, where the continuous mean would be a small
 *       positive number that SMAPE scores as a 200% miss; where counts are high it lies near the
 *       median;
 *   <li>its std is the log-normal's standard deviation
 *       {@code sqrt((exp(S^2) - 1) exp(2m + S^2))};
 *   <li>its samples are the MC samples mapped to counts ({@code max(0, expm1(u_b))}): the model
 *       part of the uncertainty only, as {@link Forecast#samples()} documents.
 * </ul>
 */
final class McSummary {
  /** Quantile nodes of the predictive distribution used to choose the point forecast. */
  static final int NODES = 64;
  private static final double[] Z = new double[NODES];

  static {
    for (int j = 0; j < NODES; j++) {
      double p = (j + 0.5) / NODES;
      Z[j] = Math.sqrt(2) * Erf.erfInv(2 * p - 1);
    }
  }

  private McSummary() {}

  /**
   * Summarizes one window's samples.
   *
   * @param z normalized samples
   * @param from first sample
   * @param count number of samples
   * @param norm the normalization
   * @param noiseVarLog inherent noise variance in {@code log1p} space
   * @return the forecast
   */
  static Forecast summarize(float[] z, int from, int count, Log1pZScore norm, double noiseVarLog) {
    double sum = 0;
    double[] samples = new double[count];
    for (int b = 0; b < count; b++) {
      sum += norm.toLog(z[from + b]);
    }
    double m = sum / count;
    double ss = 0;
    for (int b = 0; b < count; b++) {
      double u = norm.toLog(z[from + b]);
      ss += (u - m) * (u - m);
      samples[b] = Math.max(0.0, Math.expm1(u));
    }
    double modelVar = count > 1 ? ss / (count - 1) : 0.0;
    return lognormal(m, modelVar + noiseVarLog, samples);
  }

  /**
   * The forecast for {@code log1p(count) ~ N(m, s2)}.
   *
   * @param m mean in log space
   * @param s2 total variance in log space
   * @param samples count-space model samples
   * @return the forecast
   */
  static Forecast lognormal(double m, double s2, double[] samples) {
    double center = smapePoint(m, Math.sqrt(Math.max(0.0, s2)));
    double var = Math.expm1(s2) * Math.exp(2 * m + s2);
    double std = Double.isFinite(var) ? Math.sqrt(var) : Double.MAX_VALUE;
    return new Forecast(center, std, samples);
  }

  /**
   * The whole count minimizing the expected SMAPE when {@code log1p(count) ~ N(m, s^2)}.
   *
   * @param m mean in log space
   * @param s standard deviation in log space
   * @return the point forecast, a whole number {@code >= 0}
   */
  static double smapePoint(double m, double s) {
    double[] a = new double[NODES];
    for (int j = 0; j < NODES; j++) {
      double v = Math.expm1(m + s * Z[j]);
      a[j] = Double.isFinite(v) ? Math.max(0.0, Math.rint(v)) : Double.MAX_VALUE / 4;
    }
    double best = 0;
    double bestLoss = expectedSmape(0, a);
    double previous = -1;
    for (double f : a) {
      if (f == previous || f == 0) {
        continue;
      }
      previous = f;
      double loss = expectedSmape(f, a);
      if (loss < bestLoss) {
        bestLoss = loss;
        best = f;
      }
    }
    return best;
  }

  private static double expectedSmape(double f, double[] a) {
    double sum = 0;
    for (double y : a) {
      double d = f + y;
      sum += d == 0 ? 0 : 2 * Math.abs(f - y) / d;
    }
    return sum / a.length;
  }

  /** The mean {@code log1p} value of the samples. */
  static double meanLog(float[] z, int from, int count, Log1pZScore norm) {
    double sum = 0;
    for (int b = 0; b < count; b++) {
      sum += norm.toLog(z[from + b]);
    }
    return sum / count;
  }

  /** The sample variance of the {@code log1p} values (0 for one sample). */
  static double varLog(float[] z, int from, int count, Log1pZScore norm) {
    if (count < 2) {
      return 0.0;
    }
    double m = meanLog(z, from, count, norm);
    double ss = 0;
    for (int b = 0; b < count; b++) {
      double d = norm.toLog(z[from + b]) - m;
      ss += d * d;
    }
    return ss / (count - 1);
  }
}
