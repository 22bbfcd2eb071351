package dev.aquatope.gp.model;

import dev.aquatope.gp.kernel.Kernel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;

/**
 * The posterior of a GP over a fixed set of baseline points, prepared once so that the joint
 * posterior of [baseline; candidates] only costs the candidate rows per query.
 *
 * <p>Precomputes {@code V_b = L^-1 K(X, X_b)} (L: Cholesky of the training covariance), the
 * baseline means and the baseline covariance. {@link #candidateBlock} then fills, for q candidate
 * points, their means, their cross-covariance with the baseline and their own covariance, in the
 * outputs' original units (means including the GP's {@link PriorMean}, if any), into
 * caller-provided arrays (no allocation). Immutable and thread-safe as long as every thread passes
 * its own scratch.
 */
public final class BaselinePosterior {
  private final GaussianProcess gp;
  private final double[][] baseline;
  private final int nb;
  private final int n;
  private final double[] vb; // nb x n, row b = L^-1 k(X, x_b)
  private final double[] mean;
  private final double[] covariance; // nb x nb row-major
  private final double std;
  private final double mu;
  private final int[] trainingIndex; // baseline b -> identical training point, or -1

  BaselinePosterior(GaussianProcess gp, double[][] baseline) {
    this.gp = gp;
    this.nb = baseline.length;
    this.n = gp.size();
    this.baseline = new double[nb][];
    for (int i = 0; i < nb; i++) {
      this.baseline[i] = baseline[i].clone();
    }
    this.std = gp.outputStd();
    this.mu = gp.outputMean();
    this.trainingIndex = new int[nb];
    double[][] xTrain = gp.inputs();
    for (int b = 0; b < nb; b++) {
      trainingIndex[b] = -1;
      for (int t = 0; t < n; t++) {
        if (java.util.Arrays.equals(this.baseline[b], xTrain[t])) {
          trainingIndex[b] = t;
          break;
        }
      }
    }
    DMatrixRMaj l = gp.choleskyFactor();
    Kernel kernel = gp.kernel();
    vb = new double[nb * n];
    mean = new double[nb];
    double[] row = new double[n];
    for (int b = 0; b < nb; b++) {
      gp.crossCovariance(this.baseline[b], row);
      mean[b] = gp.withPrior(gp.standardizedMean(row) * std + mu, this.baseline[b]);
      TriangularSolver_DDRM.solveL(l.data, row, n);
      System.arraycopy(row, 0, vb, b * n, n);
    }
    covariance = new double[nb * nb];
    double s2 = std * std;
    for (int a = 0; a < nb; a++) {
      for (int b = 0; b <= a; b++) {
        double c = kernel.value(this.baseline[a], this.baseline[b]);
        for (int i = 0; i < n; i++) {
          c -= vb[a * n + i] * vb[b * n + i];
        }
        covariance[a * nb + b] = c * s2;
        covariance[b * nb + a] = c * s2;
      }
    }
  }

  /**
   * Number of baseline points.
   *
   * @return nb
   */
  public int size() {
    return nb;
  }

  /**
   * The GP this posterior belongs to.
   *
   * @return the GP
   */
  public GaussianProcess model() {
    return gp;
  }

  /**
   * Posterior means at the baseline points, original units, including the GP's prior mean if it
   * has one (a copy).
   *
   * @return nb means
   */
  public double[] mean() {
    return mean.clone();
  }

  /**
   * Posterior covariance of the baseline points, original units (a copy, row-major nb x nb).
   *
   * @return the covariance as a new nb x nb matrix
   */
  public DMatrixRMaj covariance() {
    return new DMatrixRMaj(nb, nb, true, covariance);
  }

  /**
   * Prior variance of the latent function in original units ({@code k(x, x) * std^2}), a
   * reference scale for jitter.
   *
   * @return the prior variance
   */
  public double priorVariance() {
    return gp.kernel().priorVariance() * std * std;
  }

  /**
   * Length of the scratch array {@link #candidateBlock} needs for q candidates.
   *
   * @param q number of candidates
   * @return the required scratch length
   */
  public int scratchLength(int q) {
    return (q + 1) * n;
  }

  /**
   * Number of training points (the length of a "v row", {@code L^-1 k(X, x)}).
   *
   * @return n
   */
  public int trainingSize() {
    return n;
  }

  /**
   * Posterior quantities of one point, in original units: returns its mean, writes
   * {@code v = L^-1 k(X, x)} (standardized units) to {@code vOut[vOff ..)} and its
   * cross-covariance with every baseline point to {@code crossOut[crossOff ..)}. Kernel values
   * against baseline points that are training points are reused, not recomputed.
   * Allocation-free.
   *
   * @param x the point. Not modified.
   * @param vOut receives n values. Modified.
   * @param vOff offset in vOut
   * @param crossOut receives nb values. Modified.
   * @param crossOff offset in crossOut
   * @param kScratch receives the n kernel values at {@code kOff}. Modified.
   * @param kOff offset in kScratch
   * @return the posterior mean at x (including the GP's prior mean, if any)
   * @throws IllegalStateException if the GP's prior mean is not finite at x (named)
   */
  public double pointRow(double[] x, double[] vOut, int vOff, double[] crossOut, int crossOff,
      double[] kScratch, int kOff) {
    Kernel kernel = gp.kernel();
    double[][] xTrain = gp.inputs();
    double[] alpha = gp.alphaVector();
    double m = gp.hyperparameters().meanConstant();
    kernel.row(x, xTrain, kScratch, kOff);
    for (int t = 0; t < n; t++) {
      double k = kScratch[kOff + t];
      vOut[vOff + t] = k;
      m += k * alpha[t];
    }
    solveLowerInPlace(gp.choleskyFactor().data, vOut, vOff, n);
    double s2 = std * std;
    for (int b = 0; b < nb; b++) {
      int t0 = trainingIndex[b];
      double c = t0 >= 0 ? kScratch[kOff + t0] : kernel.value(x, baseline[b]);
      int ob = b * n;
      for (int t = 0; t < n; t++) {
        c -= vOut[vOff + t] * vb[ob + t];
      }
      crossOut[crossOff + b] = c * s2;
    }
    return gp.withPrior(m * std + mu, x);
  }

  /**
   * Posterior covariance of two points from their v rows (see {@link #pointRow}), original units.
   *
   * @param xa first point. Not modified.
   * @param va v rows. Not modified.
   * @param offA offset of the first point's v row
   * @param xb second point. Not modified.
   * @param vbRows v rows. Not modified.
   * @param offB offset of the second point's v row
   * @return the posterior covariance
   */
  public double covariance(double[] xa, double[] va, int offA, double[] xb, double[] vbRows,
      int offB) {
    double c = gp.kernel().value(xa, xb);
    for (int t = 0; t < n; t++) {
      c -= va[offA + t] * vbRows[offB + t];
    }
    return c * std * std;
  }

  /**
   * Joint posterior blocks for q candidate points, in original units: means, cross-covariance
   * with the baseline ({@code cross[i * nb + b] = Cov(f(x_i), f(x_b))}) and the candidates'
   * covariance ({@code cov[i * q + j]}). Allocation-free.
   *
   * @param candidates at least q rows of d values. Not modified.
   * @param q number of candidate rows to use
   * @param meanOut length &gt;= q. Modified.
   * @param crossOut length &gt;= q * nb. Modified.
   * @param covOut length &gt;= q * q. Modified.
   * @param scratch length &gt;= {@link #scratchLength}(q). Modified.
   */
  public void candidateBlock(double[][] candidates, int q, double[] meanOut, double[] crossOut,
      double[] covOut, double[] scratch) {
    int kOff = q * n;
    for (int i = 0; i < q; i++) {
      meanOut[i] = pointRow(candidates[i], scratch, i * n, crossOut, i * nb, scratch, kOff);
    }
    for (int i = 0; i < q; i++) {
      for (int j = 0; j <= i; j++) {
        double c = covariance(candidates[i], scratch, i * n, candidates[j], scratch, j * n);
        covOut[i * q + j] = c;
        covOut[j * q + i] = c;
      }
    }
  }

  /** Forward substitution L z = b on b = v[off .. off+n), in place. */
  private static void solveLowerInPlace(double[] l, double[] v, int off, int n) {
    for (int i = 0; i < n; i++) {
      double s = v[off + i];
      int row = i * n;
      for (int k = 0; k < i; k++) {
        s -= l[row + k] * v[off + k];
      }
      v[off + i] = s / l[row + i];
    }
  }
}
