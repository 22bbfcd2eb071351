package dev.aquatope.gp.kernel;

import org.ejml.data.DMatrixRMaj;

/**
 * A stationary covariance function on the unit cube, as the GP model needs it: values, the
 * symmetric training matrix and the prior variance {@code k(x, x)}. Implementations are immutable
 * and thread-safe.
 */
public interface Kernel {
  /**
   * Input dimension.
   *
   * @return the number of input columns
   */
  int dimension();

  /**
   * The prior variance {@code k(x, x)}, the same for every x (stationary kernel).
   *
   * @return the prior variance
   */
  double priorVariance();

  /**
   * Covariance between two points.
   *
   * @param a first point. Not modified.
   * @param b second point. Not modified.
   * @return k(a, b)
   */
  double value(double[] a, double[] b);

  /**
   * The covariances of one point with every row of a fixed point set:
   * {@code out[off + t] = value(x, points[t])}. Implementations may cache per-thread work keyed on
   * the identity of {@code points} (the training inputs of a model), so {@code points} must not
   * be modified between calls.
   *
   * @param x the point. Not modified.
   * @param points the point set (rows). Not modified.
   * @param out receives {@code points.length} values from {@code off}. Modified.
   * @param off offset in out
   */
  default void row(double[] x, double[][] points, double[] out, int off) {
    for (int t = 0; t < points.length; t++) {
      out[off + t] = value(x, points[t]);
    }
  }

  /**
   * Symmetric covariance matrix of one point set (the diagonal is exactly
   * {@link #priorVariance()}).
   *
   * @param x the points (rows). Not modified.
   * @param out output, reshaped to n x n. Modified.
   */
  default void symmetricMatrix(double[][] x, DMatrixRMaj out) {
    int n = x.length;
    out.reshape(n, n);
    double diag = priorVariance();
    for (int i = 0; i < n; i++) {
      out.data[i * n + i] = diag;
      for (int j = 0; j < i; j++) {
        double v = value(x[i], x[j]);
        out.data[i * n + j] = v;
        out.data[j * n + i] = v;
      }
    }
  }
}
