package dev.aquatope.gp.model;

import dev.aquatope.gp.kernel.AdditiveKernel;
import dev.aquatope.gp.kernel.ArdKernel;
import dev.aquatope.gp.kernel.KernelStructure;
import dev.aquatope.gp.numerics.BoundedLbfgs;
import dev.aquatope.gp.numerics.PsdCholesky;
import dev.aquatope.gp.numerics.SafeMath;
import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;

/**
 * The negative MAP objective {@code -(log N(y | m, K + Sigma) + sum log priors) / n} in standardized
 * space, over the optimizer's parameter vector, with its analytic gradient.
 *
 * <p>Parameter layout: {@code [mean, lengthscale params (d), outputscale param (GAMMA_LEGACY only),
 * noise (learned noise only)]}. GAMMA_LEGACY lengthscales and outputscale are softplus-transformed
 * raw values (unbounded); LOGNORMAL lengthscales are the values themselves, bounded below by 0.025;
 * a learned noise is its own value, bounded below by {@code minNoise} (BoTorch's parametrization).
 *
 * <p>With an additive kernel ({@link GpOptions#structure()}), the single outputscale parameter is
 * replaced by one softplus-raw outputscale per component (under either prior set), each with the
 * prior Gamma(2, 0.15 C) for C components (so that their sum has the single kernel's prior mean),
 * starting at 1 / C; the LogNormal lengthscale prior is scaled with the largest group's dimension
 * instead of d when there is no global component.
 */
final class MapObjective implements BoundedLbfgs.Objective {
  static final double LOGNORMAL_LENGTHSCALE_LOWER = 0.025;
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private final double[][] x;
  private final double[] y;
  private final double[] fixedNoise; // null when learned
  private final GpOptions options;
  private final int n;
  private final int d;
  private final boolean legacy;
  private final KernelStructure structure;
  /** Number of outputscale parameters: the components, else 1 (GAMMA_LEGACY) or 0. */
  private final int osCount;
  private final double[] osGrad;
  private final ScalarPrior lengthscalePrior;
  private final ScalarPrior outputscalePrior;
  private final ScalarPrior noisePrior;
  private final DMatrixRMaj k;
  private final DMatrixRMaj l;
  private final DMatrixRMaj lInv;
  private final DMatrixRMaj w;
  private final double[] alpha;
  private final double[] lsGrad;
  private final PsdCholesky cholesky = new PsdCholesky(1e-4);

  MapObjective(double[][] x, double[] y, double[] fixedNoise, GpOptions options) {
    this.x = x;
    this.y = y;
    this.fixedNoise = fixedNoise;
    this.options = options;
    this.n = x.length;
    this.d = x[0].length;
    this.legacy = options.priors() == PriorSet.GAMMA_LEGACY;
    this.structure = options.structure();
    if (structure != null && structure.dimension() != d) {
      throw new IllegalArgumentException("the kernel structure has " + structure.dimension()
          + " dimensions but x has " + d + " columns");
    }
    int comps = structure == null ? 0 : structure.componentCount();
    this.osCount = structure != null ? comps : (legacy ? 1 : 0);
    this.osGrad = new double[Math.max(osCount, 1)];
    if (legacy) {
      lengthscalePrior = ScalarPrior.gamma(3.0, 6.0);
      outputscalePrior = ScalarPrior.gamma(2.0, 0.15 * Math.max(comps, 1));
      noisePrior = ScalarPrior.gamma(1.1, 0.05);
    } else {
      lengthscalePrior = ScalarPrior.logNormal(Math.sqrt(2) + 0.5 * Math.log(lengthscaleDimension(structure, d)),
          Math.sqrt(3));
      outputscalePrior = structure == null ? null : ScalarPrior.gamma(2.0, 0.15 * comps);
      noisePrior = ScalarPrior.logNormal(-4.0, 1.0);
    }
    k = new DMatrixRMaj(n, n);
    l = new DMatrixRMaj(n, n);
    lInv = new DMatrixRMaj(n, n);
    w = new DMatrixRMaj(n, n);
    alpha = new double[n];
    lsGrad = new double[d];
  }

  /** The dimension the LogNormal lengthscale prior is scaled with. */
  private static int lengthscaleDimension(KernelStructure structure, int d) {
    if (structure == null || structure.global()) {
      return d;
    }
    int largest = 0;
    for (int[] dims : structure.dimensionsByGroup()) {
      largest = Math.max(largest, dims.length);
    }
    return largest;
  }

  boolean learnsNoise() {
    return fixedNoise == null;
  }

  int parameterCount() {
    return 1 + d + osCount + (learnsNoise() ? 1 : 0);
  }

  double[] lowerBounds() {
    double[] lo = new double[parameterCount()];
    Arrays.fill(lo, Double.NEGATIVE_INFINITY);
    if (!legacy) {
      Arrays.fill(lo, 1, 1 + d, LOGNORMAL_LENGTHSCALE_LOWER);
    }
    if (learnsNoise()) {
      lo[lo.length - 1] = options.minNoise();
    }
    return lo;
  }

  double[] upperBounds() {
    double[] up = new double[parameterCount()];
    Arrays.fill(up, Double.POSITIVE_INFINITY);
    return up;
  }

  /** BoTorch's initial values. */
  GpHyperparameters initialHyperparameters() {
    double[] ls = new double[d];
    double os = 1.0;
    if (legacy) {
      Arrays.fill(ls, SafeMath.softplus(0.0));
      os = SafeMath.softplus(0.0);
    } else {
      Arrays.fill(ls, lengthscalePrior.mode());
    }
    double noise = learnsNoise() ? Math.max(noisePrior.mode(), options.minNoise()) : 0.0;
    if (structure != null) {
      double[] comps = new double[osCount];
      Arrays.fill(comps, 1.0 / osCount);
      return hyperparameters(ls, comps, noise, 0.0);
    }
    return new GpHyperparameters(ls, os, noise, 0.0);
  }

  /** Additive-kernel hyperparameters: the outputscale is the sum of the components'. */
  private static GpHyperparameters hyperparameters(double[] ls, double[] comps, double noise, double mean) {
    double sum = 0;
    for (double c : comps) {
      sum += c;
    }
    return new GpHyperparameters(ls, sum, noise, mean, comps);
  }

  /** Draws every prior-equipped hyperparameter from its prior (BoTorch's sample_all_priors). */
  GpHyperparameters sampleHyperparameters(RandomGenerator rng) {
    double[] ls = new double[d];
    for (int i = 0; i < d; i++) {
      ls[i] = Math.max(lengthscalePrior.sample(rng), legacy ? 1e-6 : LOGNORMAL_LENGTHSCALE_LOWER);
    }
    double os = legacy ? Math.max(outputscalePrior.sample(rng), 1e-6) : 1.0;
    double noise = learnsNoise() ? Math.max(noisePrior.sample(rng), options.minNoise()) : 0.0;
    if (structure != null) {
      double[] comps = new double[osCount];
      for (int c = 0; c < osCount; c++) {
        comps[c] = Math.max(outputscalePrior.sample(rng), 1e-6);
      }
      return hyperparameters(ls, comps, noise, 0.0);
    }
    return new GpHyperparameters(ls, os, noise, 0.0);
  }

  double[] toParameters(GpHyperparameters h) {
    double[] p = new double[parameterCount()];
    p[0] = h.meanConstant();
    double[] ls = h.lengthscales();
    for (int i = 0; i < d; i++) {
      p[1 + i] = legacy ? inverseSoftplus(ls[i]) : ls[i];
    }
    if (structure != null) {
      double[] comps = h.componentOutputscales();
      if (comps.length != osCount) {
        throw new IllegalArgumentException("hyperparameters have " + comps.length
            + " component outputscales, the kernel has " + osCount + " components");
      }
      for (int c = 0; c < osCount; c++) {
        p[1 + d + c] = inverseSoftplus(comps[c]);
      }
    } else if (legacy) {
      p[1 + d] = inverseSoftplus(h.outputscale());
    }
    if (learnsNoise()) {
      p[p.length - 1] = h.noise();
    }
    return p;
  }

  GpHyperparameters toHyperparameters(double[] p) {
    double[] ls = new double[d];
    for (int i = 0; i < d; i++) {
      ls[i] = legacy ? SafeMath.softplus(p[1 + i]) : p[1 + i];
    }
    double noise = learnsNoise() ? p[p.length - 1] : 0.0;
    if (structure != null) {
      double[] comps = new double[osCount];
      for (int c = 0; c < osCount; c++) {
        comps[c] = SafeMath.softplus(p[1 + d + c]);
      }
      return hyperparameters(ls, comps, noise, p[0]);
    }
    double os = legacy ? SafeMath.softplus(p[1 + d]) : 1.0;
    return new GpHyperparameters(ls, os, noise, p[0]);
  }

  /** {@code log N(y | m, K + Sigma)}, without priors, at h (standardized space). */
  double gaussianLogProb(GpHyperparameters h) {
    return factor(h);
  }

  /** Sum of the log priors at h. */
  double logPriors(GpHyperparameters h) {
    double lp = 0;
    for (double ls : h.lengthscales()) {
      lp += lengthscalePrior.logProb(ls);
    }
    if (structure != null) {
      for (double c : h.componentOutputscales()) {
        lp += outputscalePrior.logProb(c);
      }
    } else if (legacy) {
      lp += outputscalePrior.logProb(h.outputscale());
    }
    if (learnsNoise()) {
      lp += noisePrior.logProb(h.noise());
    }
    return lp;
  }

  /** Fills k, l, alpha for h; returns the Gaussian log density. */
  private double factor(GpHyperparameters h) {
    ModelKernels.of(options, h).symmetricMatrix(x, k);
    for (int i = 0; i < n; i++) {
      k.data[i * n + i] += fixedNoise == null ? h.noise() : fixedNoise[i];
    }
    cholesky.decompose(k, l);
    double quad = 0;
    for (int i = 0; i < n; i++) {
      alpha[i] = y[i] - h.meanConstant();
    }
    TriangularSolver_DDRM.solveL(l.data, alpha, n);
    double logDet = 0;
    for (int i = 0; i < n; i++) {
      quad += alpha[i] * alpha[i];
      logDet += Math.log(l.data[i * n + i]);
    }
    TriangularSolver_DDRM.solveTranL(l.data, alpha, n);
    return -0.5 * quad - logDet - 0.5 * n * LOG_2PI;
  }

  @Override
  public double evaluate(double[] p, double[] gradient) {
    GpHyperparameters h;
    try {
      h = toHyperparameters(p);
    } catch (IllegalArgumentException e) {
      return Double.NaN;
    }
    double logN;
    try {
      logN = factor(h);
    } catch (IllegalArgumentException e) {
      return Double.NaN; // non-finite kernel entries at an extreme step: the line search backs off
    }
    double value = logN + logPriors(h);
    inverseFromCholesky();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        w.data[i * n + j] = alpha[i] * alpha[j] - w.data[i * n + j];
      }
    }
    double osContraction;
    if (structure != null) {
      new AdditiveKernel(options.kernel(), structure, h.lengthscales(), h.componentOutputscales())
          .contractGradient(x, w, lsGrad, osGrad);
      osContraction = Double.NaN;
    } else {
      osContraction = new ArdKernel(options.kernel(), h.lengthscales(), h.outputscale())
          .contractGradient(x, w, lsGrad);
    }
    double[] ls = h.lengthscales();
    double meanGrad = 0;
    for (int i = 0; i < n; i++) {
      meanGrad += alpha[i];
    }
    gradient[0] = meanGrad;
    for (int i = 0; i < d; i++) {
      double g = 0.5 * lsGrad[i] + lengthscalePrior.dLogProb(ls[i]);
      gradient[1 + i] = legacy ? g * sigmoid(p[1 + i]) : g;
    }
    if (structure != null) {
      double[] comps = h.componentOutputscales();
      for (int c = 0; c < osCount; c++) {
        double g = 0.5 * osGrad[c] + outputscalePrior.dLogProb(comps[c]);
        gradient[1 + d + c] = g * sigmoid(p[1 + d + c]);
      }
    } else if (legacy) {
      double g = 0.5 * osContraction + outputscalePrior.dLogProb(h.outputscale());
      gradient[1 + d] = g * sigmoid(p[1 + d]);
    }
    if (learnsNoise()) {
      double tr = 0;
      for (int i = 0; i < n; i++) {
        tr += w.data[i * n + i];
      }
      gradient[gradient.length - 1] = 0.5 * tr + noisePrior.dLogProb(h.noise());
    }
    for (int i = 0; i < gradient.length; i++) {
      gradient[i] = -gradient[i] / n;
    }
    return -value / n;
  }

  /**
   * w = K^-1 from the Cholesky factor. {@code U = (L^-1)^T} is built row by row (row c of U is
   * column c of L^-1, by forward substitution restricted to the triangle, n^3/6), then
   * {@code (K^-1)_ij = sum_k U_ik U_jk} over {@code k >= max(i, j)} (n^3/6); both inner loops run
   * over contiguous rows.
   */
  private void inverseFromCholesky() {
    double[] ld = l.data;
    double[] u = lInv.data;
    java.util.Arrays.fill(u, 0.0);
    for (int c = 0; c < n; c++) {
      int rowC = c * n;
      u[rowC + c] = 1.0 / ld[c * n + c];
      for (int r = c + 1; r < n; r++) {
        double sum = 0;
        int rowR = r * n;
        for (int k = c; k < r; k++) {
          sum -= ld[rowR + k] * u[rowC + k];
        }
        u[rowC + r] = sum / ld[rowR + r];
      }
    }
    double[] wd = w.data;
    for (int i = 0; i < n; i++) {
      int rowI = i * n;
      for (int j = 0; j <= i; j++) {
        int rowJ = j * n;
        double sum = 0;
        for (int k = i; k < n; k++) {
          sum += u[rowI + k] * u[rowJ + k];
        }
        wd[rowI + j] = sum;
        wd[rowJ + i] = sum;
      }
    }
  }

  private static double sigmoid(double z) {
    // derivative of torch's softplus (threshold 20: identity above)
    return z > 20 ? 1.0 : 1.0 / (1.0 + Math.exp(-z));
  }

  private static double inverseSoftplus(double v) {
    return v > 20 ? v : v + Math.log(-Math.expm1(-v));
  }
}
