package dev.aquatope.gp.kernel;

import dev.aquatope.core.util.Checks;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * A sum of stationary ARD kernels over groups of input dimensions, optionally plus a global one
 * over every dimension:
 * {@code k(x, x') = sum_g s_g u(r_g(x, x')) + s_glob u(r(x, x'))}, where {@code u} is the unit
 * Matérn-5/2 or RBF profile, {@code r_g} the lengthscale-scaled distance over the dimensions of
 * group g, and {@code r} the one over all dimensions (the global component shares the
 * lengthscales, so {@code r^2 = sum_g r_g^2}).
 *
 * <p>With one group per workflow stage this encodes that end-to-end cost is a sum of per-stage
 * costs (and latency along a chain a sum of stage latencies): each component only has to learn a
 * low-dimensional function, which needs far fewer observations than one high-dimensional ARD
 * kernel. The global component keeps the interactions (shared containers, the maximum over
 * parallel branches) representable. Immutable and thread-safe.
 */
public final class AdditiveKernel implements Kernel {
  private static final double SQRT5 = Math.sqrt(5.0);

  private final KernelType type;
  private final KernelStructure structure;
  private final int[] groupOf;
  private final int groupCount;
  private final int[][] dimsByGroup;
  private final double[] inverseLengthscales;
  private final double[] outputscales;
  private final double priorVariance;
  /** Per-thread component rows of the last {@link #row} call, to update only changed groups. */
  private final ThreadLocal<RowCache> rowCache = ThreadLocal.withInitial(RowCache::new);

  /** The work of the last {@link #row} call on one thread. */
  private static final class RowCache {
    private double[][] points;
    private double[] lastX;
    private double[][] r2; // groups x n
    private double[][] component; // groups x n, outputscale included
  }

  /**
   * Creates a kernel.
   *
   * @param type the profile of every component
   * @param structure the grouping of the dimensions
   * @param lengthscales one positive lengthscale per dimension. Not modified (copied).
   * @param outputscales one positive signal variance per component
   *     ({@link KernelStructure#componentCount()}: the groups in order, then the global one).
   *     Not modified (copied).
   * @throws IllegalArgumentException if a size disagrees with the structure or a value is not
   *     finite and positive
   */
  public AdditiveKernel(KernelType type, KernelStructure structure, double[] lengthscales, double[] outputscales) {
    this.type = Checks.notNull("type", type);
    this.structure = Checks.notNull("structure", structure);
    Checks.notNull("lengthscales", lengthscales);
    Checks.notNull("outputscales", outputscales);
    if (lengthscales.length != structure.dimension()) {
      throw new IllegalArgumentException("lengthscales must have " + structure.dimension() + " values, had "
          + lengthscales.length);
    }
    if (outputscales.length != structure.componentCount()) {
      throw new IllegalArgumentException("outputscales must have " + structure.componentCount() + " values, had "
          + outputscales.length);
    }
    this.groupOf = structure.groups();
    this.groupCount = structure.groupCount();
    this.dimsByGroup = structure.dimensionsByGroup();
    this.inverseLengthscales = new double[lengthscales.length];
    for (int i = 0; i < lengthscales.length; i++) {
      Checks.positive("lengthscales[" + i + "]", lengthscales[i]);
      inverseLengthscales[i] = 1.0 / lengthscales[i];
    }
    this.outputscales = outputscales.clone();
    double sum = 0;
    for (int c = 0; c < outputscales.length; c++) {
      Checks.positive("outputscales[" + c + "]", outputscales[c]);
      sum += outputscales[c];
    }
    this.priorVariance = sum;
  }

  /**
   * The grouping.
   *
   * @return the structure
   */
  public KernelStructure structure() {
    return structure;
  }

  /**
   * The component signal variances (a copy): the groups in order, then the global one.
   *
   * @return the outputscales
   */
  public double[] outputscales() {
    return outputscales.clone();
  }

  @Override
  public int dimension() {
    return groupOf.length;
  }

  @Override
  public double priorVariance() {
    return priorVariance;
  }

  @Override
  public double value(double[] a, double[] b) {
    double k = 0;
    double total = 0;
    for (int g = 0; g < groupCount; g++) {
      int[] dims = dimsByGroup[g];
      double r2 = 0;
      for (int t = 0; t < dims.length; t++) {
        int d = dims[t];
        double z = (a[d] - b[d]) * inverseLengthscales[d];
        r2 += z * z;
      }
      k += outputscales[g] * unitValue(r2);
      total += r2;
    }
    if (structure.global()) {
      k += outputscales[groupCount] * unitValue(total);
    }
    return k;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Keeps, per thread, the per-group squared distances and component values of the last call
   * with the same {@code points} array, and recomputes only the groups whose coordinates changed:
   * a local search that moves one coordinate at a time pays for one group (and the global
   * component) instead of all of them. The values are bit for bit those of {@link #value}.
   */
  @Override
  public void row(double[] x, double[][] points, double[] out, int off) {
    RowCache c = rowCache.get();
    int n = points.length;
    boolean fresh = c.points != points;
    if (fresh) {
      c.points = points;
      c.lastX = new double[groupOf.length];
      c.r2 = new double[groupCount][n];
      c.component = new double[groupCount][n];
    }
    for (int g = 0; g < groupCount; g++) {
      int[] dims = dimsByGroup[g];
      boolean changed = fresh;
      for (int t = 0; t < dims.length && !changed; t++) {
        changed = Double.doubleToRawLongBits(x[dims[t]]) != Double.doubleToRawLongBits(c.lastX[dims[t]]);
      }
      if (!changed) {
        continue;
      }
      double[] r2g = c.r2[g];
      double[] compG = c.component[g];
      double os = outputscales[g];
      for (int t = 0; t < n; t++) {
        double[] b = points[t];
        double r2 = 0;
        for (int k = 0; k < dims.length; k++) {
          int d = dims[k];
          double z = (x[d] - b[d]) * inverseLengthscales[d];
          r2 += z * z;
        }
        r2g[t] = r2;
        compG[t] = os * unitValue(r2);
      }
      for (int k = 0; k < dims.length; k++) {
        c.lastX[dims[k]] = x[dims[k]];
      }
    }
    boolean global = structure.global();
    double osGlobal = global ? outputscales[groupCount] : 0;
    for (int t = 0; t < n; t++) {
      double k = 0;
      double total = 0;
      for (int g = 0; g < groupCount; g++) {
        k += c.component[g][t];
        total += c.r2[g][t];
      }
      if (global) {
        k += osGlobal * unitValue(total);
      }
      out[off + t] = k;
    }
  }

  /**
   * Contracts the hyperparameter derivatives with a symmetric weight matrix:
   * {@code lengthscaleOut[d] = sum_ij W_ij dK_ij/dl_d} and
   * {@code outputscaleOut[c] = sum_ij W_ij dK_ij/ds_c} (the gradient of the log marginal
   * likelihood is half of these with {@code W = alpha alpha^T - K^-1}).
   *
   * @param x the training points. Not modified.
   * @param w symmetric n x n weights. Not modified.
   * @param lengthscaleOut output of length d. Modified.
   * @param outputscaleOut output of length {@link KernelStructure#componentCount()}. Modified.
   */
  public void contractGradient(double[][] x, DMatrixRMaj w, double[] lengthscaleOut, double[] outputscaleOut) {
    int n = x.length;
    int dim = groupOf.length;
    int comps = outputscales.length;
    Arrays.fill(lengthscaleOut, 0, dim, 0.0);
    Arrays.fill(outputscaleOut, 0, comps, 0.0);
    double[] r2 = new double[groupCount];
    double[] h = new double[groupCount];
    double trace = 0;
    for (int i = 0; i < n; i++) {
      trace += w.data[i * n + i];
      double[] xi = x[i];
      for (int j = 0; j < i; j++) {
        double[] xj = x[j];
        Arrays.fill(r2, 0.0);
        for (int d = 0; d < dim; d++) {
          double z = (xi[d] - xj[d]) * inverseLengthscales[d];
          r2[groupOf[d]] += z * z;
        }
        double wij = w.data[i * n + j] + w.data[j * n + i];
        double total = 0;
        for (int g = 0; g < groupCount; g++) {
          h[g] = wij * outputscales[g] * valueAndFactor(r2[g], outputscaleOut, g, wij);
          total += r2[g];
        }
        double hGlobal = 0;
        if (structure.global()) {
          hGlobal = wij * outputscales[groupCount] * valueAndFactor(total, outputscaleOut, groupCount, wij);
        }
        for (int d = 0; d < dim; d++) {
          double diff = xi[d] - xj[d];
          lengthscaleOut[d] += (h[groupOf[d]] + hGlobal) * diff * diff;
        }
      }
    }
    for (int c = 0; c < comps; c++) {
      outputscaleOut[c] += trace; // every unit profile is 1 on the diagonal
    }
    for (int d = 0; d < dim; d++) {
      double il = inverseLengthscales[d];
      lengthscaleOut[d] *= il * il * il;
    }
  }

  private double unitValue(double r2) {
    if (type == KernelType.RBF) {
      return Math.exp(-0.5 * r2);
    }
    double sr = SQRT5 * Math.sqrt(r2);
    return (1.0 + sr + (5.0 / 3.0) * r2) * Math.exp(-sr);
  }

  /**
   * Adds {@code weight * u(r2)} to {@code valueOut[index]} and returns the derivative factor f
   * with {@code du/dl_d = f * diff_d^2 / l_d^3} (one exponential for both).
   */
  private double valueAndFactor(double r2, double[] valueOut, int index, double weight) {
    if (type == KernelType.RBF) {
      double e = Math.exp(-0.5 * r2);
      valueOut[index] += weight * e;
      return e;
    }
    double sr = SQRT5 * Math.sqrt(r2);
    double e = Math.exp(-sr);
    valueOut[index] += weight * (1.0 + sr + (5.0 / 3.0) * r2) * e;
    return (5.0 / 3.0) * (1.0 + sr) * e;
  }
}
