package dev.aquatope.core.forecast.baseline;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * IceBreaker-style one-step extrapolation of a window of {@code n} values by a linear trend plus
 * its {@code k} strongest harmonics.
 *
 * <ol>
 *   <li>Fit a least-squares line {@code a + b t} to the window ({@code t = 0..n-1}) and subtract it.
 *   <li>Take the discrete Fourier transform of the detrended values and keep the {@code k}
 *       harmonics {@code 1 <= j <= n/2} of largest magnitude (ties: lower frequency first).
 *   <li>Refit the line and the kept harmonics jointly by least squares (Commons Math QR) and
 *       evaluate the fit at {@code t = n}.
 * </ol>
 *
 * <p>Step 3 departs from a plain inverse transform of step 2, which would predict
 * {@code x(0) + n b} for a periodic signal {@code x}: a least-squares line through one period of a
 * sinusoid has a non-zero slope {@code b}, so the plain method is biased even on perfectly periodic
 * input. The joint refit has no such bias (it reproduces any sum of the kept harmonics plus a line
 * exactly) and costs one 60 x 22 QR decomposition.
 *
 * <p>The DFT is computed directly in {@code O(n^2)}: Commons Math's
 * {@code FastFourierTransformer} accepts only power-of-two lengths, and the window here is 60
 * (whose harmonics are exactly the periods dividing 60); zero-padding to 64 would smear them.
 *
 * <p>Not thread-safe: holds scratch arrays. Create one per thread or per call.
 */
final class HarmonicExtrapolator {
  private final int n;
  private final int k;
  private final double[][] cos;
  private final double[][] sin;
  private final double[] magnitude;
  private final double[] detrended;

  /**
   * Creates an extrapolator.
   *
   * @param n window length, {@code >= 4}
   * @param k harmonics kept, in {@code [1, n/2]}
   */
  HarmonicExtrapolator(int n, int k) {
    if (n < 4) {
      throw new IllegalArgumentException("window must be >= 4, was " + n);
    }
    if (k < 1 || k > n / 2) {
      throw new IllegalArgumentException("harmonics must be in [1, " + (n / 2) + "], was " + k);
    }
    this.n = n;
    this.k = k;
    int half = n / 2;
    cos = new double[half + 1][n + 1];
    sin = new double[half + 1][n + 1];
    for (int j = 0; j <= half; j++) {
      for (int t = 0; t <= n; t++) {
        // exact reduction of j * t modulo n keeps the argument small and the tables symmetric
        double angle = 2 * Math.PI * ((long) j * t % n) / n;
        cos[j][t] = Math.cos(angle);
        sin[j][t] = Math.sin(angle);
      }
    }
    magnitude = new double[half + 1];
    detrended = new double[n];
  }

  /**
   * Predicts {@code y[end]} from {@code y[end - n, end)}.
   *
   * @param y the series; not modified
   * @param end index of the value to predict, {@code >= n}
   * @return the extrapolated value (not clamped)
   */
  double predict(double[] y, int end) {
    int from = end - n;
    // 1. least-squares line
    double tMean = (n - 1) / 2.0;
    double yMean = 0;
    for (int t = 0; t < n; t++) {
      yMean += y[from + t];
    }
    yMean /= n;
    double sxy = 0;
    double sxx = 0;
    for (int t = 0; t < n; t++) {
      sxy += (t - tMean) * (y[from + t] - yMean);
      sxx += (t - tMean) * (t - tMean);
    }
    double slope = sxy / sxx;
    double intercept = yMean - slope * tMean;
    boolean allEqualResiduals = true;
    for (int t = 0; t < n; t++) {
      detrended[t] = y[from + t] - (intercept + slope * t);
      allEqualResiduals &= Math.abs(detrended[t]) <= 1e-12 * (1 + Math.abs(yMean));
    }
    if (allEqualResiduals) {
      return intercept + slope * n;
    }
    // 2. DFT magnitudes of harmonics 1..n/2
    int half = n / 2;
    for (int j = 1; j <= half; j++) {
      double re = 0;
      double im = 0;
      for (int t = 0; t < n; t++) {
        re += detrended[t] * cos[j][t];
        im -= detrended[t] * sin[j][t];
      }
      magnitude[j] = Math.hypot(re, im);
    }
    int[] kept = strongest();
    // 3. joint least squares: [1, t, cos_j(t), sin_j(t) ...]; sin is identically 0 for j = n/2
    int cols = 2;
    for (int j : kept) {
      cols += (2 * j == n) ? 1 : 2;
    }
    double[][] x = new double[n][cols];
    double[] next = new double[cols];
    for (int t = 0; t <= n; t++) {
      double[] row = t < n ? x[t] : next;
      row[0] = 1;
      row[1] = t;
      int c = 2;
      for (int j : kept) {
        row[c++] = cos[j][t];
        if (2 * j != n) {
          row[c++] = sin[j][t];
        }
      }
    }
    try {
      RealVector beta = new QRDecomposition(new Array2DRowRealMatrix(x, false), 1e-10).getSolver()
          .solve(new ArrayRealVector(java.util.Arrays.copyOfRange(y, from, end), false));
      double pred = 0;
      for (int c = 0; c < cols; c++) {
        pred += beta.getEntry(c) * next[c];
      }
      return pred;
    } catch (SingularMatrixException e) {
      // cannot happen for cols <= n with distinct harmonics; fall back to the plain inverse DFT
      return plainInverse(kept, intercept, slope);
    }
  }

  private double plainInverse(int[] kept, double intercept, double slope) {
    double pred = intercept + slope * n;
    for (int j : kept) {
      double re = 0;
      double im = 0;
      for (int t = 0; t < n; t++) {
        re += detrended[t] * cos[j][t];
        im -= detrended[t] * sin[j][t];
      }
      double scale = (2 * j == n) ? 1.0 / n : 2.0 / n;
      // value at t = n equals value at t = 0 (period n): Re(X_j) scaled
      pred += scale * re;
    }
    return pred;
  }

  /** Indices of the {@code k} largest magnitudes among harmonics 1..n/2 (ties: lower index). */
  private int[] strongest() {
    int half = n / 2;
    int[] kept = new int[k];
    boolean[] used = new boolean[half + 1];
    for (int r = 0; r < k; r++) {
      int best = -1;
      for (int j = 1; j <= half; j++) {
        if (!used[j] && (best < 0 || magnitude[j] > magnitude[best])) {
          best = j;
        }
      }
      used[best] = true;
      kept[r] = best;
    }
    java.util.Arrays.sort(kept);
    return kept;
  }
}
