package dev.aquatope.gp.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aquatope.gp.model.GoldenData;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Kernel values against GPyTorch (GP_REFERENCE 7.2 and 7.3) and derivatives by finite differences. */
class ArdKernelTest {

  @Test
  void matrix_matern52Golden_matchesGpytorch() {
    ArdKernel k = new ArdKernel(KernelType.MATERN52, GoldenData.vector("matern52.lengthscale"), 1.0);
    DMatrixRMaj out = new DMatrixRMaj(1, 1);
    k.matrix(GoldenData.matrix("matern52.X1"), GoldenData.matrix("matern52.X2"), out);
    double[][] expected = GoldenData.matrix("matern52.K");
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 2; j++) {
        assertEquals(expected[i][j], out.get(i, j), 1e-12);
      }
    }
  }

  @Test
  void value_gpytorchMaternTest_matchesClosedForm() {
    // test_matern_kernel.py: a = [4, 2, 8], b = [0, 2], lengthscale 2, nu = 5/2
    double[] a = {4, 2, 8};
    double[] b = {0, 2};
    ArdKernel k = new ArdKernel(KernelType.MATERN52, new double[] {2.0}, 1.0);
    for (double ai : a) {
      for (double bj : b) {
        double s = Math.sqrt(5) * Math.abs(ai - bj) / 2;
        double expected = (1 + s + s * s / 3) * Math.exp(-s);
        assertEquals(expected, k.value(new double[] {ai}, new double[] {bj}), 1e-12);
      }
    }
  }

  @Test
  void scaledSquaredDistance_gpytorchArdTest_matchesScaledDistances() {
    // a = [[1,2],[3,4]], b = [[1,4],[1,4]], l = [1,2] => scaled distances [[1,1],[2,2]]... as norms
    ArdKernel k = new ArdKernel(KernelType.RBF, new double[] {1, 2}, 1.0);
    assertEquals(1.0, Math.sqrt(k.scaledSquaredDistance(new double[] {1, 2}, new double[] {1, 4})),
        1e-15);
    assertEquals(2.0, Math.sqrt(k.scaledSquaredDistance(new double[] {3, 4}, new double[] {1, 4})),
        1e-15);
  }

  @Test
  void value_rbfWithOutputscale_isScaledGaussian() {
    ArdKernel k = new ArdKernel(KernelType.RBF, new double[] {0.5, 2.0}, 1.7);
    double r2 = 0.04 / 0.25 + 0.09 / 4.0;
    assertEquals(1.7 * Math.exp(-0.5 * r2), k.value(new double[] {0.1, 0.2}, new double[] {0.3, 0.5}),
        1e-15);
  }

  @Test
  void contractGradient_anyKernel_matchesFiniteDifferences() {
    double[][] x = {{0.1, 0.9, 0.3}, {0.4, 0.2, 0.8}, {0.7, 0.5, 0.1}, {0.15, 0.85, 0.35}};
    double[][] w = {{0.3, -0.2, 0.5, 0.1}, {-0.2, 1.0, 0.05, -0.4}, {0.5, 0.05, 0.2, 0.3},
        {0.1, -0.4, 0.3, -0.7}};
    DMatrixRMaj wm = new DMatrixRMaj(w);
    for (KernelType type : KernelType.values()) {
      double[] ls = {0.3, 0.7, 1.4};
      double os = 1.3;
      double[] grad = new double[3];
      double osGrad = new ArdKernel(type, ls, os).contractGradient(x, wm, grad);
      double h = 1e-6;
      for (int d = 0; d < 3; d++) {
        double[] up = ls.clone();
        double[] dn = ls.clone();
        up[d] += h;
        dn[d] -= h;
        double fd = (contraction(type, up, os, x, w) - contraction(type, dn, os, x, w)) / (2 * h);
        assertEquals(fd, grad[d], 1e-7, type + " lengthscale " + d);
      }
      double fd = (contraction(type, ls, os + h, x, w) - contraction(type, ls, os - h, x, w))
          / (2 * h);
      assertEquals(fd, osGrad, 1e-7, type + " outputscale");
    }
  }

  private static double contraction(KernelType type, double[] ls, double os, double[][] x,
      double[][] w) {
    ArdKernel k = new ArdKernel(type, ls, os);
    DMatrixRMaj km = new DMatrixRMaj(1, 1);
    k.symmetricMatrix(x, km);
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        s += w[i][j] * km.get(i, j);
      }
    }
    return s;
  }

  @Test
  void symmetricMatrix_diagonalIsOutputscale() {
    ArdKernel k = new ArdKernel(KernelType.MATERN52, new double[] {0.2}, 2.5);
    DMatrixRMaj out = new DMatrixRMaj(1, 1);
    k.symmetricMatrix(new double[][] {{0.1}, {0.1}, {0.9}}, out);
    assertArrayEquals(new double[] {2.5, 2.5, 2.5}, new double[] {out.get(0, 0), out.get(1, 1),
        out.get(2, 2)}, 0.0);
    assertEquals(2.5, out.get(0, 1), 0.0);
  }

  @Test
  void constructor_nonPositiveLengthscale_throwsNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ArdKernel(KernelType.RBF, new double[] {0.5, 0.0}, 1.0));
    assertEquals("lengthscales[1] must be finite and > 0, was 0.0", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new ArdKernel(KernelType.RBF, new double[] {0.5}, Double.NaN));
  }
}
