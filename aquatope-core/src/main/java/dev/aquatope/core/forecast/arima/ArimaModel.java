package dev.aquatope.core.forecast.arima;

import dev.aquatope.core.util.Checks;

/**
 * A fitted ARIMA(p, d, q) model: on the {@code d}-times differenced series {@code w},
 * {@code w_t = mu + sum_i ar[i-1] (w_{t-i} - mu) + e_t + sum_j ma[j-1] e_{t-j}},
 * {@code Var(e_t) = sigma2}.
 *
 * <p>Immutable (arrays are copied in and out); serializable with Jackson as a record.
 *
 * @param order the order; {@code ar.length == order.p()}, {@code ma.length == order.q()}
 * @param mean the mean {@code mu} of the differenced series (a drift when {@code d >= 1}), finite
 * @param ar autoregressive coefficients, finite
 * @param ma moving-average coefficients, finite
 * @param sigma2 innovation variance, finite and {@code >= 0}
 * @param aic Akaike information criterion of the fit (conditional likelihood), finite
 * @param observations number of residuals in the conditional sum of squares, {@code >= 1}
 */
public record ArimaModel(ArimaOrder order, double mean, double[] ar, double[] ma, double sigma2, double aic,
    int observations) {

  /** Validates and copies. */
  public ArimaModel {
    Checks.notNull("order", order);
    Checks.finite("mean", mean);
    Checks.notNull("ar", ar);
    Checks.notNull("ma", ma);
    if (ar.length != order.p() || ma.length != order.q()) {
      throw new IllegalArgumentException("ar/ma lengths must match " + order + ", were " + ar.length + "/" + ma.length);
    }
    ar = ar.clone();
    ma = ma.clone();
    for (int i = 0; i < ar.length; i++) {
      Checks.finite("ar[" + i + "]", ar[i]);
    }
    for (int i = 0; i < ma.length; i++) {
      Checks.finite("ma[" + i + "]", ma[i]);
    }
    Checks.nonNegative("sigma2", sigma2);
    Checks.finite("aic", aic);
    Checks.positive("observations", observations);
  }

  /** A copy of the AR coefficients. */
  @Override
  public double[] ar() {
    return ar.clone();
  }

  /** A copy of the MA coefficients. */
  @Override
  public double[] ma() {
    return ma.clone();
  }

  /** The fewest observations {@link #predictNext} needs: {@code p + d} (at least 1). */
  public int minObservations() {
    return Math.max(1, order.p() + order.d());
  }

  /**
   * The one-step-ahead point prediction of {@code y[end]} from {@code y[0, end)}.
   *
   * <p>The MA residuals are rebuilt by running the model over the last {@code burnIn} windows,
   * starting from zero residuals (the CSS convention). For an invertible MA part the effect of
   * that start decays geometrically, so a few hundred windows suffice; the cost is
   * {@code O(burnIn * (p + q))} per call, independent of the history length.
   *
   * @param y the undifferenced series; not modified
   * @param end number of known values, {@code >= minObservations()}
   * @param burnIn how many of the last windows to run the residual recursion over, {@code >= 1}
   * @return the prediction (not clamped; may be negative)
   * @throws IllegalArgumentException if {@code end} is too small
   */
  public double predictNext(double[] y, int end, int burnIn) {
    if (end < minObservations() || end > y.length) {
      throw new IllegalArgumentException("end must be in [" + minObservations() + ", " + y.length + "], was " + end);
    }
    Checks.positive("burnIn", burnIn);
    int d = order.d();
    int from = Math.max(0, end - Math.max(burnIn, order.p()) - d);
    double[] w = ArimaFitter.difference(y, from, end, d);
    int p = order.p();
    int q = order.q();
    double[] e = new double[w.length + 1];
    // residuals for t in [p, w.length), then the prediction of w[w.length]
    for (int t = p; t <= w.length; t++) {
      double pred = mean;
      for (int i = 1; i <= p; i++) {
        pred += ar[i - 1] * (w[t - i] - mean);
      }
      for (int j = 1; j <= q; j++) {
        if (t - j >= p) {
          pred += ma[j - 1] * e[t - j];
        }
      }
      if (t == w.length) {
        return integrate(y, end, pred);
      }
      e[t] = w[t] - pred;
    }
    throw new AssertionError("unreachable");
  }

  private double integrate(double[] y, int end, double wNext) {
    return switch (order.d()) {
      case 0 -> wNext;
      case 1 -> y[end - 1] + wNext;
      default -> 2 * y[end - 1] - y[end - 2] + wNext;
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArimaModel m && order.equals(m.order) && Double.compare(mean, m.mean) == 0
        && java.util.Arrays.equals(ar, m.ar) && java.util.Arrays.equals(ma, m.ma)
        && Double.compare(sigma2, m.sigma2) == 0 && Double.compare(aic, m.aic) == 0 && observations == m.observations;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(order, mean, java.util.Arrays.hashCode(ar), java.util.Arrays.hashCode(ma), sigma2);
  }

  @Override
  public String toString() {
    return order + "[mean=" + mean + ", ar=" + java.util.Arrays.toString(ar) + ", ma=" + java.util.Arrays.toString(ma)
        + ", sigma2=" + sigma2 + ", aic=" + aic + "]";
  }
}
