package dev.aquatope.gp.kernel;

import dev.aquatope.core.util.Checks;
import org.ejml.data.DMatrixRMaj;

/**
 * A stationary kernel with one lengthscale per input dimension (ARD) and a signal variance:
 * {@code k(x, x') = outputscale * g(r)} with {@code r = ||(x - x') / lengthscale||}.
 *
 * <p>Matches GPyTorch's {@code ScaleKernel(MaternKernel(nu=2.5))} and {@code RBFKernel}. Instances
 * are immutable; all matrix outputs go to caller-provided matrices.
 */
public final class ArdKernel implements Kernel {
  private static final double SQRT5 = Math.sqrt(5.0);

  private final KernelType type;
  private final double[] lengthscales;
  private final double[] inverseLengthscales;
  private final double outputscale;

  /**
   * Creates a kernel.
   *
   * @param type the kernel family
   * @param lengthscales one positive lengthscale per dimension. Not modified (copied).
   * @param outputscale the signal variance, {@code > 0}
   * @throws IllegalArgumentException if a lengthscale or the outputscale is not finite and positive
   */
  public ArdKernel(KernelType type, double[] lengthscales, double outputscale) {
    this.type = Checks.notNull("type", type);
    Checks.notNull("lengthscales", lengthscales);
    if (lengthscales.length == 0) {
      throw new IllegalArgumentException("lengthscales must not be empty");
    }
    this.lengthscales = lengthscales.clone();
    this.inverseLengthscales = new double[lengthscales.length];
    for (int i = 0; i < lengthscales.length; i++) {
      Checks.positive("lengthscales[" + i + "]", lengthscales[i]);
      inverseLengthscales[i] = 1.0 / lengthscales[i];
    }
    this.outputscale = Checks.positive("outputscale", outputscale);
  }

  /**
   * Kernel family.
   *
   * @return the family
   */
  public KernelType type() {
    return type;
  }

  /**
   * Input dimension.
   *
   * @return the number of lengthscales
   */
  @Override
  public int dimension() {
    return lengthscales.length;
  }

  /**
   * Signal variance.
   *
   * @return the outputscale
   */
  public double outputscale() {
    return outputscale;
  }

  /**
   * The prior variance, which is the outputscale.
   *
   * @return the outputscale
   */
  @Override
  public double priorVariance() {
    return outputscale;
  }

  /**
   * Lengthscales (a copy).
   *
   * @return the lengthscales
   */
  public double[] lengthscales() {
    return lengthscales.clone();
  }

  /**
   * Squared scaled distance {@code sum_d ((a_d - b_d) / l_d)^2}.
   *
   * @param a first point. Not modified.
   * @param b second point. Not modified.
   * @return the squared scaled distance
   */
  public double scaledSquaredDistance(double[] a, double[] b) {
    double s = 0;
    for (int d = 0; d < inverseLengthscales.length; d++) {
      double z = (a[d] - b[d]) * inverseLengthscales[d];
      s += z * z;
    }
    return s;
  }

  /**
   * Kernel value from a squared scaled distance (includes the outputscale).
   *
   * @param r2 squared scaled distance, {@code >= 0}
   * @return the covariance
   */
  public double valueFromSquaredDistance(double r2) {
    if (type == KernelType.RBF) {
      return outputscale * Math.exp(-0.5 * r2);
    }
    if (r2 == Double.POSITIVE_INFINITY) {
      return 0.0;
    }
    double r = Math.sqrt(r2);
    double sr = SQRT5 * r;
    return outputscale * (1.0 + sr + (5.0 / 3.0) * r2) * Math.exp(-sr);
  }

  /**
   * Derivative factor {@code h(r)} such that {@code dk/dl_d = h(r) * (a_d - b_d)^2 / l_d^3}.
   *
   * @param r2 squared scaled distance, {@code >= 0}
   * @return the factor (includes the outputscale)
   */
  public double lengthscaleDerivativeFactor(double r2) {
    if (type == KernelType.RBF) {
      return outputscale * Math.exp(-0.5 * r2);
    }
    if (r2 == Double.POSITIVE_INFINITY) {
      return 0.0;
    }
    double sr = SQRT5 * Math.sqrt(r2);
    return outputscale * (5.0 / 3.0) * (1.0 + sr) * Math.exp(-sr);
  }

  /**
   * Covariance between two points.
   *
   * @param a first point. Not modified.
   * @param b second point. Not modified.
   * @return k(a, b)
   */
  @Override
  public double value(double[] a, double[] b) {
    return valueFromSquaredDistance(scaledSquaredDistance(a, b));
  }

  /**
   * Cross-covariance matrix {@code K[i][j] = k(x1[i], x2[j])}.
   *
   * @param x1 first point set (rows). Not modified.
   * @param x2 second point set (rows). Not modified.
   * @param out output, reshaped to x1.length x x2.length. Modified.
   */
  public void matrix(double[][] x1, double[][] x2, DMatrixRMaj out) {
    int n1 = x1.length;
    int n2 = x2.length;
    out.reshape(n1, n2);
    for (int i = 0; i < n1; i++) {
      for (int j = 0; j < n2; j++) {
        out.data[i * n2 + j] = value(x1[i], x2[j]);
      }
    }
  }

  /**
   * Symmetric covariance matrix of one point set (the diagonal is exactly the outputscale).
   *
   * @param x the points (rows). Not modified.
   * @param out output, reshaped to n x n. Modified.
   */
  @Override
  public void symmetricMatrix(double[][] x, DMatrixRMaj out) {
    int n = x.length;
    out.reshape(n, n);
    for (int i = 0; i < n; i++) {
      out.data[i * n + i] = outputscale;
      for (int j = 0; j < i; j++) {
        double v = value(x[i], x[j]);
        out.data[i * n + j] = v;
        out.data[j * n + i] = v;
      }
    }
  }

  /**
   * Contracts the kernel's hyperparameter derivatives with a symmetric weight matrix:
   * {@code lengthscaleOut[d] = sum_ij W_ij dK_ij/dl_d} and returns
   * {@code sum_ij W_ij dK_ij/d outputscale}. This is what the gradient of the log marginal
   * likelihood needs ({@code 1/2 tr(W dK)}) without forming the derivative matrices.
   *
   * @param x the training points. Not modified.
   * @param w symmetric n x n weights. Not modified.
   * @param lengthscaleOut output of length d. Modified.
   * @return the contraction with the outputscale derivative
   */
  public double contractGradient(double[][] x, DMatrixRMaj w, double[] lengthscaleOut) {
    int n = x.length;
    int dim = lengthscales.length;
    java.util.Arrays.fill(lengthscaleOut, 0, dim, 0.0);
    double os = 0;
    for (int i = 0; i < n; i++) {
      os += w.data[i * n + i]; // k_ii / s = 1; diagonal has no lengthscale dependence
      double[] xi = x[i];
      for (int j = 0; j < i; j++) {
        double[] xj = x[j];
        double r2 = scaledSquaredDistance(xi, xj);
        double wij = w.data[i * n + j] + w.data[j * n + i];
        double unitValue;
        double unitFactor;
        if (type == KernelType.RBF) {
          unitValue = Math.exp(-0.5 * r2);
          unitFactor = unitValue;
        } else if (r2 == Double.POSITIVE_INFINITY) {
          unitValue = 0.0;
          unitFactor = 0.0;
        } else {
          double sr = SQRT5 * Math.sqrt(r2);
          double e = Math.exp(-sr);
          unitValue = (1.0 + sr + (5.0 / 3.0) * r2) * e;
          unitFactor = (5.0 / 3.0) * (1.0 + sr) * e;
        }
        os += wij * unitValue;
        double h = wij * outputscale * unitFactor;
        for (int d = 0; d < dim; d++) {
          double diff = xi[d] - xj[d];
          lengthscaleOut[d] += h * diff * diff;
        }
      }
    }
    for (int d = 0; d < dim; d++) {
      double il = inverseLengthscales[d];
      lengthscaleOut[d] *= il * il * il;
    }
    return os;
  }
}
