package dev.aquatope.core.forecast.arima;

/**
 * The order of an ARIMA model.
 *
 * @param p autoregressive order, in [0, 10]
 * @param d differencing order, in [0, 2]
 * @param q moving-average order, in [0, 10]
 */
public record ArimaOrder(int p, int d, int q) {
  /** Validates the orders. */
  public ArimaOrder {
    if (p < 0 || p > 10) {
      throw new IllegalArgumentException("p must be in [0, 10], was " + p);
    }
    if (d < 0 || d > 2) {
      throw new IllegalArgumentException("d must be in [0, 2], was " + d);
    }
    if (q < 0 || q > 10) {
      throw new IllegalArgumentException("q must be in [0, 10], was " + q);
    }
  }

  /** Shorthand for {@code new ArimaOrder(p, d, q)}. */
  public static ArimaOrder of(int p, int d, int q) {
    return new ArimaOrder(p, d, q);
  }

  /** Number of estimated mean-equation parameters: mean, p AR and q MA coefficients. */
  public int parameterCount() {
    return 1 + p + q;
  }

  @Override
  public String toString() {
    return "ARIMA(" + p + "," + d + "," + q + ")";
  }
}
