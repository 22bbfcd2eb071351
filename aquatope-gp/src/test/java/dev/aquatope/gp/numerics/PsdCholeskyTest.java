package dev.aquatope.gp.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The never-throwing Cholesky: exact on PD input, jitter on singular, repair on indefinite. */
class PsdCholeskyTest {

  private static double maxAbsDiff(DMatrixRMaj a, DMatrixRMaj b) {
    double m = 0;
    for (int i = 0; i < a.data.length; i++) {
      m = Math.max(m, Math.abs(a.data[i] - b.data[i]));
    }
    return m;
  }

  private static DMatrixRMaj reconstruct(DMatrixRMaj l) {
    DMatrixRMaj out = new DMatrixRMaj(l.numRows, l.numRows);
    CommonOps_DDRM.multTransB(l, l, out);
    return out;
  }

  @Test
  void decompose_positiveDefinite_exactWithoutJitter() {
    DMatrixRMaj a = new DMatrixRMaj(new double[][] {{4, 2, 0.4}, {2, 3, 0.5}, {0.4, 0.5, 2}});
    DMatrixRMaj copy = a.copy();
    DMatrixRMaj l = new DMatrixRMaj(1, 1);
    PsdCholesky c = new PsdCholesky(1e-4);
    assertEquals(0.0, c.decompose(a, l), 0.0);
    assertEquals(0.0, maxAbsDiff(a, copy), 0.0); // input not modified
    assertTrue(maxAbsDiff(reconstruct(l), a) < 1e-14);
    assertEquals(0.0, l.get(0, 1), 0.0);
  }

  @Test
  void decompose_duplicateRows_addsEscalatingJitter() {
    DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 1, 0.5}, {1, 1, 0.5}, {0.5, 0.5, 1}});
    DMatrixRMaj l = new DMatrixRMaj(1, 1);
    PsdCholesky c = new PsdCholesky(1e-4);
    double jitter = c.decompose(a, l);
    assertTrue(jitter >= 1e-8 && jitter <= 1e-4, "jitter " + jitter);
    assertTrue(maxAbsDiff(reconstruct(l), a) < 1e-3);
  }

  @Test
  void decompose_indefinite_repairsInsteadOfThrowing() {
    DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 2}, {2, 1}}); // eigenvalues 3 and -1
    DMatrixRMaj l = new DMatrixRMaj(1, 1);
    new PsdCholesky(1e-4).decompose(a, l);
    for (double v : l.data) {
      assertTrue(Double.isFinite(v));
    }
    assertTrue(l.get(0, 0) > 0 && l.get(1, 1) > 0);
  }

  @Test
  void decompose_roundoffScaleMatrix_usesReferenceScale() {
    // a noiseless posterior covariance: zero up to rounding
    DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1e-17, 3e-17}, {3e-17, -2e-17}});
    DMatrixRMaj l = new DMatrixRMaj(1, 1);
    PsdCholesky c = new PsdCholesky(1e-4);
    c.decompose(a, l, 2.0);
    assertTrue(l.get(0, 0) > 0 && l.get(0, 0) < 1e-6, "root " + l.get(0, 0));
  }

  @Test
  void decompose_nonFiniteOrBadArguments_throw() {
    DMatrixRMaj l = new DMatrixRMaj(1, 1);
    PsdCholesky c = new PsdCholesky(1e-4);
    assertThrows(IllegalArgumentException.class,
        () -> c.decompose(new DMatrixRMaj(new double[][] {{1, Double.NaN}, {0, 1}}), l));
    assertThrows(IllegalArgumentException.class, () -> c.decompose(new DMatrixRMaj(2, 3), l));
    assertThrows(IllegalArgumentException.class, () -> new PsdCholesky(2.0));
  }
}
