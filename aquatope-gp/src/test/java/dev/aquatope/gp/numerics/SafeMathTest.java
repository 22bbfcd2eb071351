package dev.aquatope.gp.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Edge cases of the log-space helpers: infinities, NaN, underflow and overflow. */
class SafeMathTest {
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final double LN2 = Math.log(2);

  @Test
  void softplus_extremes_matchTorchThreshold() {
    assertEquals(LN2, SafeMath.softplus(0), 0.0);
    assertEquals(1000.0, SafeMath.softplus(1000), 0.0);
    assertEquals(20.5, SafeMath.softplus(20.5), 0.0); // torch returns x above 20
    assertEquals(Math.log1p(Math.exp(19.5)), SafeMath.softplus(19.5), 0.0);
    assertEquals(0.0, SafeMath.softplus(-1000), 0.0);
    assertTrue(Double.isNaN(SafeMath.softplus(Double.NaN)));
  }

  @Test
  void log1pexp_andLogExpit_noOverflowOrUnderflow() {
    assertEquals(1000.0, SafeMath.log1pexp(1000), 0.0);
    assertEquals(0.0, SafeMath.log1pexp(-1000), 0.0);
    assertEquals(-LN2, SafeMath.logExpit(0), 0.0);
    assertEquals(-1000.0, SafeMath.logExpit(-1000), 0.0);
    assertEquals(0.0, SafeMath.logExpit(INF), 0.0);
    assertEquals(-INF, SafeMath.logExpit(-INF), 0.0);
    assertEquals(0.5, Math.exp(SafeMath.logExpit(0)), 1e-16);
  }

  @Test
  void log1mexp_smallAndLargeArguments_accurate() {
    assertEquals(Math.log(1e-20), SafeMath.log1mexp(-1e-20), 1e-12);
    assertEquals(-Math.exp(-50), SafeMath.log1mexp(-50), 1e-35);
    assertEquals(Math.log(1 - Math.exp(-1)), SafeMath.log1mexp(-1), 1e-15);
    assertEquals(-INF, SafeMath.log1mexp(0), 0.0);
    assertEquals(0.0, SafeMath.log1mexp(-INF), 0.0);
    assertTrue(Double.isNaN(SafeMath.log1mexp(1)));
  }

  @Test
  void logSoftplus_underflowRegion_staysLinear() {
    assertEquals(-1000.0, SafeMath.logSoftplus(-1000, 1.0), 1e-12);
    assertEquals(Math.log(1000), SafeMath.logSoftplus(1000, 1.0), 1e-15);
    assertEquals(Math.log(Math.log1p(Math.exp(-3))), SafeMath.logSoftplus(-3, 1.0), 1e-15);
    // with a temperature: log(tau * softplus(x / tau))
    assertEquals(Math.log(0.1 * Math.log1p(Math.exp(-2))), SafeMath.logSoftplus(-0.2, 0.1), 1e-14);
  }

  @Test
  void fatplus_andLog_finiteFarBelowZero() {
    assertEquals(LN2 + 0.1, SafeMath.fatplus(0, 1), 1e-16);
    double lf = SafeMath.logFatplus(-1e10, 1e-6);
    assertTrue(Double.isFinite(lf), "log fatplus " + lf);
    assertEquals(Math.log(1e-6 * 0.1 / (1 + 1e32)), lf, 1e-9);
    assertEquals(Math.log(5.0), SafeMath.logFatplus(5.0, 1e-6), 1e-12);
  }

  @Test
  void fatmoid_isAFatTailedStep() {
    assertEquals(0.5, SafeMath.fatmoid(0), 1e-16);
    assertEquals(0.0, SafeMath.fatmoid(-INF), 0.0);
    assertEquals(1.0, SafeMath.fatmoid(INF), 0.0);
    assertTrue(SafeMath.fatmoid(-1e3) > 0); // O(1/x^2) tail, no underflow
    assertTrue(Double.isFinite(SafeMath.logFatmoid(-1e150)));
    double prev = 0;
    for (int i = -100; i <= 100; i++) {
      double v = SafeMath.fatmoid(i / 10.0);
      assertTrue(v >= prev);
      prev = v;
    }
  }

  @Test
  void logSumExp_infinitiesAndNaN_handledLikeBotorch() {
    assertEquals(-INF, SafeMath.logSumExp(new double[] {-INF, -INF}, 0, 2), 0.0);
    assertEquals(INF, SafeMath.logSumExp(new double[] {INF, 1}, 0, 2), 0.0);
    assertTrue(Double.isNaN(SafeMath.logSumExp(new double[] {Double.NaN, 1}, 0, 2)));
    assertEquals(1000 + LN2, SafeMath.logSumExp(new double[] {1000, 1000}, 0, 2), 1e-12);
    assertEquals(-1000 + LN2, SafeMath.logSumExp(new double[] {-1000, -1000}, 0, 2), 1e-12);
    assertEquals(3.0, SafeMath.logMeanExp(new double[] {9, 3, 3, 3, 9}, 1, 3), 1e-15);
    assertEquals(5.0, SafeMath.logSumExp(new double[] {5, -INF}, 0, 2), 0.0);
  }

  @Test
  void fatMax_andSmoothMax_upperBoundTheMaximum() {
    double[] x = {0.3, -0.5, 0.29, -INF};
    double tau = 1e-2;
    double fm = SafeMath.fatMax(x, 0, 4, tau);
    double sm = SafeMath.smoothMax(x, 0, 4, tau);
    assertTrue(fm >= 0.3 && fm <= 0.3 + tau * Math.log(4), "fatmax " + fm);
    assertTrue(sm >= 0.3 && sm <= 0.3 + tau * Math.log(4), "smoothmax " + sm);
    assertEquals(0.7, SafeMath.fatMax(new double[] {0.7}, 0, 1, tau), 0.0);
    assertEquals(INF, SafeMath.fatMax(new double[] {INF, 1}, 0, 2, tau), 0.0);
    assertEquals(-INF, SafeMath.fatMax(new double[] {-INF, -INF}, 0, 2, tau), 0.0);
    assertTrue(Double.isNaN(SafeMath.fatMax(new double[] {Double.NaN, 1}, 0, 2, tau)));
    // p(z) = 2 / (2 + 2z + z^2) at z = 1: fatmax(0, -tau) = tau * log(1 + 0.4)
    assertEquals(tau * Math.log(1.4), SafeMath.fatMax(new double[] {0, -tau}, 0, 2, tau), 1e-16);
  }
}
