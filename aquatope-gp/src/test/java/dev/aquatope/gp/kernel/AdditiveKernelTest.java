package dev.aquatope.gp.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aquatope.gp.UnitCubePoints;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class AdditiveKernelTest {
  private static final KernelStructure STRUCTURE = new KernelStructure(new int[] {0, 0, 1, 2, 1}, true);
  private static final double[] LS = {0.3, 0.7, 0.45, 0.2, 1.1};
  private static final double[] OS = {0.8, 0.5, 1.3, 0.25};


  private static double[] pick(double[] v, int... idx) {
    double[] out = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = v[idx[i]];
    }
    return out;
  }

  @Test
  void value_equalsSumOfArdKernelsOnTheGroupsPlusGlobal() {
    for (KernelType type : KernelType.values()) {
      AdditiveKernel k = new AdditiveKernel(type, STRUCTURE, LS, OS);
      ArdKernel g0 = new ArdKernel(type, pick(LS, 0, 1), OS[0]);
      ArdKernel g1 = new ArdKernel(type, pick(LS, 2, 4), OS[1]);
      ArdKernel g2 = new ArdKernel(type, pick(LS, 3), OS[2]);
      ArdKernel global = new ArdKernel(type, LS, OS[3]);
      double[][] x = UnitCubePoints.uniform(6, 5, 3);
      for (double[] a : x) {
        for (double[] b : x) {
          double expected = g0.value(pick(a, 0, 1), pick(b, 0, 1)) + g1.value(pick(a, 2, 4), pick(b, 2, 4))
              + g2.value(pick(a, 3), pick(b, 3)) + global.value(a, b);
          assertEquals(expected, k.value(a, b), 1e-14, type.toString());
        }
      }
      assertEquals(0.8 + 0.5 + 1.3 + 0.25, k.priorVariance(), 1e-15);
      assertEquals(k.priorVariance(), k.value(x[0], x[0]), 1e-14);
    }
  }

  @Test
  void row_incrementalChanges_equalValueBitForBit() {
    double[][] train = UnitCubePoints.uniform(9, 5, 17);
    SplittableRandom r = new SplittableRandom(8);
    for (KernelType type : KernelType.values()) {
      AdditiveKernel k = new AdditiveKernel(type, STRUCTURE, LS, OS);
      double[] x = UnitCubePoints.uniform(1, 5, 4)[0];
      double[] out = new double[12];
      for (int step = 0; step < 40; step++) {
        // move one or two coordinates, as the local search does, sometimes none
        int moves = r.nextInt(3);
        for (int m = 0; m < moves; m++) {
          x[r.nextInt(5)] = r.nextDouble();
        }
        k.row(x, train, out, 3);
        for (int t = 0; t < train.length; t++) {
          assertEquals(k.value(x, train[t]), out[3 + t], 0.0, type + " step " + step + " point " + t);
        }
      }
      double[][] other = UnitCubePoints.uniform(4, 5, 18);
      k.row(x, other, out, 0);
      for (int t = 0; t < other.length; t++) {
        assertEquals(k.value(x, other[t]), out[t], 0.0, "another point set");
      }
    }
  }

  @Test
  void contractGradient_matchesFiniteDifferences() {
    double[][] x = UnitCubePoints.uniform(7, 5, 11);
    DMatrixRMaj w = new DMatrixRMaj(7, 7);
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 7; i++) {
      for (int j = 0; j <= i; j++) {
        double v = r.nextDouble() - 0.5;
        w.set(i, j, v);
        w.set(j, i, v);
      }
    }
    for (KernelType type : KernelType.values()) {
      AdditiveKernel k = new AdditiveKernel(type, STRUCTURE, LS, OS);
      double[] lsGrad = new double[5];
      double[] osGrad = new double[4];
      k.contractGradient(x, w, lsGrad, osGrad);
      double h = 1e-6;
      for (int d = 0; d < 5; d++) {
        double[] up = LS.clone();
        double[] dn = LS.clone();
        up[d] += h;
        dn[d] -= h;
        double fd = (contract(new AdditiveKernel(type, STRUCTURE, up, OS), x, w)
            - contract(new AdditiveKernel(type, STRUCTURE, dn, OS), x, w)) / (2 * h);
        assertEquals(fd, lsGrad[d], 1e-6, type + " lengthscale " + d);
      }
      for (int c = 0; c < 4; c++) {
        double[] up = OS.clone();
        double[] dn = OS.clone();
        up[c] += h;
        dn[c] -= h;
        double fd = (contract(new AdditiveKernel(type, STRUCTURE, LS, up), x, w)
            - contract(new AdditiveKernel(type, STRUCTURE, LS, dn), x, w)) / (2 * h);
        assertEquals(fd, osGrad[c], 1e-6, type + " outputscale " + c);
      }
    }
  }

  private static double contract(Kernel k, double[][] x, DMatrixRMaj w) {
    DMatrixRMaj m = new DMatrixRMaj(1, 1);
    k.symmetricMatrix(x, m);
    double s = 0;
    for (int i = 0; i < m.data.length; i++) {
      s += m.data[i] * w.data[i];
    }
    return s;
  }

  @Test
  void constructor_badInput_throwsNamingTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AdditiveKernel(KernelType.MATERN52, STRUCTURE, LS, new double[] {1, 1, 1}));
    assertEquals("outputscales must have 4 values, had 3", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new AdditiveKernel(KernelType.MATERN52, STRUCTURE, LS, new double[] {1, 1, -1, 1}));
    assertEquals("outputscales[2] must be finite and > 0, was -1.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new KernelStructure(new int[] {0, 2}, false));
    assertEquals("groups must number the groups 0..2 without gaps; group 1 has no dimension in [0, 2]",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new KernelStructure(new int[] {0, -1}, false));
    assertEquals("groups[1] must be >= 0, was -1", e.getMessage());
  }

  @Test
  void structure_countsGroupsAndComponents() {
    assertEquals(3, STRUCTURE.groupCount());
    assertEquals(4, STRUCTURE.componentCount());
    assertEquals(3, new KernelStructure(new int[] {0, 0, 1, 2, 1}, false).componentCount());
    int[][] dims = STRUCTURE.dimensionsByGroup();
    assertEquals(2, dims[1].length);
    assertEquals(2, dims[1][0]);
    assertEquals(4, dims[1][1]);
  }
}
