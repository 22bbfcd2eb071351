package dev.aquatope.core.forecast.arima;

import dev.aquatope.core.util.Checks;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits ARIMA(p, d, q) models by conditional sum of squares (CSS) and selects the order by AIC.
 *
 * <p><b>CSS.</b> On the differenced series {@code w = diff^d(y)}, the residuals
 * {@code e_t = w_t - mu - sum_i phi_i (w_{t-i} - mu) - sum_j theta_j e_{t-j}} are computed for
 * {@code t} from the conditioning point on, with residuals before it taken as zero; the
 * parameters {@code (mu, phi, theta)} minimize {@code sum e_t^2}, found with Commons Math's
 * Nelder-Mead simplex (restarted once from its optimum, a standard remedy for simplex collapse).
 * {@code sigma2 = SS / n} and the conditional log-likelihood is
 * {@code -n/2 (log(2 pi sigma2) + 1)}.
 *
 * <p><b>Comparable AIC across d.</b> Every candidate conditions on the same first
 * {@code maxP + maxD} observations of {@code y}, so all candidates' likelihoods cover the same
 * observations {@code y_m .. y_{n-1}} (differencing has unit Jacobian given the earlier values),
 * which makes AIC = {@code -2 logL + 2 (1 + p + q + 1)} comparable across {@code d}.
 *
 * <p>Several series (e.g. several functions, or days) are fitted jointly: the sums of squares add.
 *
 * <p>Stateless and thread-safe.
 */
public final class ArimaFitter {
  private static final Logger LOG = LoggerFactory.getLogger(ArimaFitter.class);

  private final int maxEvaluations;

  /**
   * A fitter.
   *
   * @param maxEvaluations the most objective evaluations per Nelder-Mead run, {@code >= 100}
   */
  public ArimaFitter(int maxEvaluations) {
    if (maxEvaluations < 100) {
      throw new IllegalArgumentException("maxEvaluations must be >= 100, was " + maxEvaluations);
    }
    this.maxEvaluations = maxEvaluations;
  }

  /**
   * Selects by AIC among every order with {@code p <= maxP}, {@code d <= maxD}, {@code q <= maxQ}.
   *
   * @param series the series (undifferenced); each longer than {@code maxP + maxD + 1}
   * @param maxP largest AR order
   * @param maxD largest differencing order
   * @param maxQ largest MA order
   * @return the model with the smallest AIC (the first in (d, p, q) order on a tie)
   * @throws IllegalArgumentException if a series is too short or the bounds are invalid
   */
  public ArimaModel select(List<double[]> series, int maxP, int maxD, int maxQ) {
    ArimaOrder bounds = new ArimaOrder(maxP, maxD, maxQ);
    ArimaModel best = null;
    for (int d = 0; d <= bounds.d(); d++) {
      for (int p = 0; p <= bounds.p(); p++) {
        for (int q = 0; q <= bounds.q(); q++) {
          ArimaModel m = fit(series, new ArimaOrder(p, d, q), maxP + maxD);
          LOG.debug("{}: aic {}", m.order(), m.aic());
          if (best == null || m.aic() < best.aic()) {
            best = m;
          }
        }
      }
    }
    return best;
  }

  /**
   * Fits one order.
   *
   * @param series the series (undifferenced), each longer than {@code conditioning + 1}
   * @param order the order
   * @param conditioning how many leading observations of each series to condition on,
   *     {@code >= p + d}
   * @return the fitted model
   * @throws IllegalArgumentException if {@code conditioning < p + d} or a series is too short
   */
  public ArimaModel fit(List<double[]> series, ArimaOrder order, int conditioning) {
    Checks.notNull("series", series);
    Checks.notNull("order", order);
    if (series.isEmpty()) {
      throw new IllegalArgumentException("series must not be empty");
    }
    if (conditioning < order.p() + order.d()) {
      throw new IllegalArgumentException("conditioning must be >= p + d = " + (order.p() + order.d()) + ", was " + conditioning);
    }
    List<double[]> diffs = new ArrayList<>(series.size());
    int n = 0;
    double sum = 0;
    for (int s = 0; s < series.size(); s++) {
      double[] y = series.get(s);
      if (y.length < conditioning + 2) {
        throw new IllegalArgumentException("series[" + s + "] must have >= " + (conditioning + 2) + " values, had " + y.length);
      }
      for (int i = 0; i < y.length; i++) {
        Checks.finite("series[" + s + "][" + i + "]", y[i]);
      }
      double[] w = difference(y, 0, y.length, order.d());
      diffs.add(w);
      int start = conditioning - order.d();
      n += w.length - start;
      for (int t = start; t < w.length; t++) {
        sum += w[t];
      }
    }
    final int start = conditioning - order.d();
    Css css = new Css(diffs, order, start);
    double[] x0 = new double[order.parameterCount()];
    x0[0] = sum / n;
    double[] steps = new double[x0.length];
    double spread = Math.sqrt(Math.max(css.variance(x0[0]), 1e-12));
    steps[0] = Math.max(0.1 * spread, 1e-3);
    for (int i = 1; i < steps.length; i++) {
      steps[i] = 0.1;
    }
    double[] x = x0;
    double ss = css.value(x0);
    if (x0.length > 0) {
      for (int round = 0; round < 2; round++) {
        PointValuePair opt = minimize(css, x, steps);
        if (opt.getValue() <= ss) {
          x = opt.getPoint();
          ss = opt.getValue();
        }
      }
    }
    double sigma2 = Math.max(ss / n, 0.0);
    double logLik = -0.5 * n * (Math.log(2 * Math.PI * Math.max(sigma2, 1e-300)) + 1);
    double aic = -2 * logLik + 2.0 * (order.parameterCount() + 1);
    double[] ar = new double[order.p()];
    double[] ma = new double[order.q()];
    System.arraycopy(x, 1, ar, 0, ar.length);
    System.arraycopy(x, 1 + ar.length, ma, 0, ma.length);
    return new ArimaModel(order, x[0], ar, ma, sigma2, aic, n);
  }

  private PointValuePair minimize(Css css, double[] start, double[] steps) {
    SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-12, 1e-14));
    try {
      return optimizer.optimize(new MaxEval(maxEvaluations), new ObjectiveFunction(css::value), GoalType.MINIMIZE,
          new InitialGuess(start), new NelderMeadSimplex(steps));
    } catch (TooManyEvaluationsException e) {
      // keep the start: the caller compares values and never takes a worse point
      LOG.debug("Nelder-Mead hit {} evaluations for {}", maxEvaluations, css.order);
      return new PointValuePair(start, css.value(start));
    }
  }

  /**
   * The {@code d}-times differenced values of {@code y[from, end)}.
   *
   * @param y the series; not modified
   * @param from first index
   * @param end end index (exclusive)
   * @param d differencing order
   * @return {@code end - from - d} values
   */
  static double[] difference(double[] y, int from, int end, int d) {
    double[] w = java.util.Arrays.copyOfRange(y, from, end);
    int len = w.length;
    for (int k = 0; k < d; k++) {
      for (int i = 0; i < len - 1; i++) {
        w[i] = w[i + 1] - w[i];
      }
      len--;
    }
    return java.util.Arrays.copyOf(w, Math.max(len, 0));
  }

  /** The CSS objective; allocation-free per evaluation (one residual buffer per fit; not thread-safe). */
  private static final class Css {
    private final List<double[]> series;
    private final ArimaOrder order;
    private final int start;
    private final double[] residuals;

    Css(List<double[]> series, ArimaOrder order, int start) {
      this.series = series;
      this.order = order;
      this.start = start;
      int max = 0;
      for (double[] w : series) {
        max = Math.max(max, w.length);
      }
      this.residuals = new double[max];
    }

    double variance(double mean) {
      double ss = 0;
      int n = 0;
      for (double[] w : series) {
        for (int t = start; t < w.length; t++) {
          ss += (w[t] - mean) * (w[t] - mean);
          n++;
        }
      }
      return ss / n;
    }

    double value(double[] x) {
      int p = order.p();
      int q = order.q();
      double mu = x[0];
      double ss = 0;
      double[] e = residuals;
      for (double[] w : series) {
        for (int t = start; t < w.length; t++) {
          double pred = mu;
          for (int i = 1; i <= p; i++) {
            pred += x[i] * (w[t - i] - mu);
          }
          for (int j = 1; j <= q; j++) {
            if (t - j >= start) {
              pred += x[p + j] * e[t - j];
            }
          }
          double r = w[t] - pred;
          e[t] = r;
          ss += r * r;
        }
        if (!Double.isFinite(ss)) {
          return Double.MAX_VALUE;
        }
      }
      return ss;
    }
  }
}
