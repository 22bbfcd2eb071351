package dev.aquatope.gp.numerics;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lower Cholesky factorization of a symmetric positive semi-definite matrix that never throws:
 * linear_operator's {@code psd_safe_cholesky}, made relative to the matrix's scale.
 *
 * <p>It first tries a plain Cholesky (EJML). If that fails (not positive definite, or NaN), it adds
 * jitter {@code 1e-8, 1e-7, ..., maxJitter} times the mean absolute diagonal (cumulatively, as
 * linear_operator does) and retries. If even the largest jitter fails, it falls back to a symmetric
 * eigendecomposition, clamps negative eigenvalues to the last jitter and factors the repaired
 * matrix. Unlike linear_operator the jitter is relative to the diagonal scale, so matrices in
 * original (un-standardized) units behave the same as standardized ones.
 *
 * <p>Instances hold scratch space and are not thread-safe; create one per thread.
 */
public final class PsdCholesky {
  private static final Logger LOG = LoggerFactory.getLogger(PsdCholesky.class);
  /** First relative jitter tried after a plain failure. */
  public static final double FIRST_JITTER = 1e-8;

  private final double maxJitter;
  private CholeskyDecomposition_F64<DMatrixRMaj> chol;
  private int cholSize = -1;
  private final DMatrixRMaj work = new DMatrixRMaj(1, 1);
  private double lastJitter;

  /**
   * Creates a factorizer with the given largest relative jitter before the eigenvalue fallback.
   *
   * @param maxJitter largest relative jitter, in {@code [1e-8, 1]}, e.g. 1e-4 for kernel matrices
   * @throws IllegalArgumentException if {@code maxJitter} is out of range
   */
  public PsdCholesky(double maxJitter) {
    if (!(maxJitter >= FIRST_JITTER && maxJitter <= 1.0)) {
      throw new IllegalArgumentException("maxJitter must be in [1e-8, 1], was " + maxJitter);
    }
    this.maxJitter = maxJitter;
  }

  /**
   * Relative jitter added to the diagonal by the last successful call (0 when none was needed).
   *
   * @return the relative jitter
   */
  public double lastJitter() {
    return lastJitter;
  }

  /**
   * Factors {@code a = L L^T} and writes the lower factor (upper triangle zero) into {@code l}.
   *
   * @param a symmetric n x n matrix. Not modified.
   * @param l output, reshaped to n x n. Modified.
   * @return the relative jitter that was added to the diagonal (0 if none)
   * @throws IllegalArgumentException if {@code a} is not square or contains NaN/infinite values
   */
  public double decompose(DMatrixRMaj a, DMatrixRMaj l) {
    return decompose(a, l, 0.0);
  }

  /**
   * Factors {@code a = L L^T} with jitter relative to {@code max(mean |diag(a)|, 1e-8 *
   * referenceScale)}. A posterior covariance at noiselessly observed points is zero up to
   * rounding; its own diagonal is then no useful scale, and the prior variance passed as
   * {@code referenceScale} keeps the jitter just above the rounding noise.
   *
   * @param a symmetric n x n matrix. Not modified.
   * @param l output, reshaped to n x n. Modified.
   * @param referenceScale a typical variance of the problem (e.g. the prior variance), {@code >= 0}
   * @return the relative jitter that was added to the diagonal (0 if none)
   * @throws IllegalArgumentException if {@code a} is not square or contains NaN/infinite values,
   *     or {@code referenceScale} is negative or not finite
   */
  public double decompose(DMatrixRMaj a, DMatrixRMaj l, double referenceScale) {
    if (!(referenceScale >= 0) || Double.isInfinite(referenceScale)) {
      throw new IllegalArgumentException("referenceScale must be finite and >= 0, was "
          + referenceScale);
    }
    int n = a.numRows;
    if (a.numCols != n) {
      throw new IllegalArgumentException("matrix must be square, was " + n + " x " + a.numCols);
    }
    for (int i = 0; i < n * n; i++) {
      if (!Double.isFinite(a.data[i])) {
        throw new IllegalArgumentException("matrix contains a non-finite value: " + a.data[i]);
      }
    }
    l.reshape(n, n);
    if (n == 0) {
      lastJitter = 0;
      return 0;
    }
    double scale = 0;
    for (int i = 0; i < n; i++) {
      scale += Math.abs(a.data[i * n + i]);
    }
    scale = Math.max(scale / n, 1e-8 * referenceScale);
    if (!(scale > 0)) {
      scale = 1.0;
    }
    if (tryFactor(a, 0, l)) {
      lastJitter = 0;
      return 0;
    }
    for (double jitter = FIRST_JITTER; jitter <= maxJitter * 1.0000001; jitter *= 10) {
      if (tryFactor(a, jitter * scale, l)) {
        LOG.debug("Cholesky needed relative jitter {}", jitter);
        lastJitter = jitter;
        return jitter;
      }
    }
    LOG.warn("Cholesky failed with jitter up to {}; repairing negative eigenvalues", maxJitter);
    eigenRepair(a, maxJitter * scale, l);
    lastJitter = maxJitter;
    return maxJitter;
  }

  private boolean tryFactor(DMatrixRMaj a, double diagonalAdd, DMatrixRMaj l) {
    int n = a.numRows;
    work.setTo(a);
    for (int i = 0; i < n; i++) {
      work.data[i * n + i] += diagonalAdd;
    }
    if (chol == null || cholSize != n) {
      chol = DecompositionFactory_DDRM.chol(n, true);
      cholSize = n;
    }
    if (!chol.decompose(work)) {
      return false;
    }
    chol.getT(l);
    for (int i = 0; i < n; i++) {
      double d = l.data[i * n + i];
      if (!(d > 0) || Double.isInfinite(d)) {
        return false;
      }
      for (int j = 0; j < i; j++) {
        if (!Double.isFinite(l.data[i * n + j])) {
          return false;
        }
      }
    }
    return true;
  }

  private void eigenRepair(DMatrixRMaj a, double floor, DMatrixRMaj l) {
    int n = a.numRows;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
    DMatrixRMaj copy = a.copy();
    DMatrixRMaj repaired = new DMatrixRMaj(n, n);
    if (eig.decompose(copy)) {
      for (int k = 0; k < eig.getNumberOfEigenvalues(); k++) {
        double lambda = Math.max(eig.getEigenvalue(k).getReal(), floor);
        DMatrixRMaj v = eig.getEigenVector(k);
        if (v == null) {
          continue;
        }
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            repaired.data[i * n + j] += lambda * v.data[i] * v.data[j];
          }
        }
      }
    }
    for (int i = 0; i < n; i++) {
      repaired.data[i * n + i] += floor;
    }
    if (!tryFactor(repaired, 0, l)) {
      // Last resort: a diagonal factor from the (clamped) diagonal; only reachable for
      // pathological input, kept so that the caller never sees an exception.
      l.zero();
      for (int i = 0; i < n; i++) {
        l.data[i * n + i] = Math.sqrt(Math.max(a.data[i * n + i], 0) + floor);
      }
    }
  }
}
