package dev.aquatope.gp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.gp.UnitCubePoints;
import dev.aquatope.gp.kernel.KernelStructure;
import dev.aquatope.gp.kernel.KernelType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AdditiveGaussianProcessTest {
  private static final KernelStructure THREE_GROUPS =
      new KernelStructure(new int[] {0, 0, 0, 1, 1, 1, 2, 2, 2}, false);


  /** A sum of three 3-dimensional functions. */
  private static double[] additive(double[][] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double s = 0;
      for (int g = 0; g < 3; g++) {
        double a = x[i][3 * g];
        double b = x[i][3 * g + 1];
        double c = x[i][3 * g + 2];
        s += 1.0 / (0.3 + a) + (b - 0.4) * (b - 0.4) * (1 + g) + 0.3 * c * a;
      }
      y[i] = s;
    }
    return y;
  }

  @Test
  void mapObjective_additiveGradient_matchesFiniteDifferences() {
    double[][] x = UnitCubePoints.uniform(12, 5, 7);
    double[] y = new double[12];
    for (int i = 0; i < 12; i++) {
      y[i] = Math.sin(4 * x[i][0]) + x[i][3] * x[i][1] - x[i][4];
    }
    double[] v = new double[12];
    Arrays.fill(v, 0.02);
    for (boolean global : new boolean[] {false, true}) {
      KernelStructure s = new KernelStructure(new int[] {0, 0, 1, 1, 2}, global);
      for (PriorSet priors : PriorSet.values()) {
        for (KernelType kernel : KernelType.values()) {
          for (double[] yVar : new double[][] {null, v}) {
            GpOptions o = new GpOptions(kernel, priors, true, 1e-4, 1, 0, s);
            MapObjective obj = new MapObjective(x, y, yVar, o);
            double[] comps = global ? new double[] {0.4, 0.9, 0.3, 0.2} : new double[] {0.4, 0.9, 0.3};
            double[] p = obj.toParameters(new GpHyperparameters(new double[] {0.3, 0.6, 0.45, 0.8, 0.25}, 1.0,
                yVar == null ? 0.05 : 0, 0.2, comps));
            assertEquals(1 + 5 + comps.length + (yVar == null ? 1 : 0), p.length);
            double[] g = new double[p.length];
            obj.evaluate(p, g);
            for (int i = 0; i < p.length; i++) {
              double h = 1e-6;
              double[] up = p.clone();
              double[] dn = p.clone();
              up[i] += h;
              dn[i] -= h;
              double fd = (obj.evaluate(up, new double[p.length]) - obj.evaluate(dn, new double[p.length])) / (2 * h);
              assertEquals(fd, g[i], 1e-6, "global " + global + " " + priors + " " + kernel + " noise "
                  + (yVar == null) + " parameter " + i);
            }
          }
        }
      }
    }
  }

  @Test
  void fit_additiveFunction_predictsBetterThanOneArdKernel() {
    double[][] x = UnitCubePoints.uniform(40, 9, 21);
    double[] y = additive(x);
    double[][] test = UnitCubePoints.uniform(200, 9, 99);
    double[] truth = additive(test);
    GpOptions ard = GpOptions.defaults();
    GpOptions add = ard.withStructure(THREE_GROUPS);
    double ardError = rmse(GaussianProcess.fit(x, y, null, ard).posteriorMean(test), truth);
    GaussianProcess additive = GaussianProcess.fit(x, y, null, add);
    double addError = rmse(additive.posteriorMean(test), truth);
    assertEquals(3, additive.hyperparameters().componentOutputscales().length);
    double sum = Arrays.stream(additive.hyperparameters().componentOutputscales()).sum();
    assertEquals(sum, additive.hyperparameters().outputscale(), 1e-12);
    assertTrue(addError < 0.7 * ardError, "additive rmse " + addError + " vs ARD " + ardError);
  }

  @Test
  void posterior_additive_varianceShrinksAtObservedPointsAndRestoresFromHyperparameters() {
    double[][] x = UnitCubePoints.uniform(15, 9, 3);
    double[] y = additive(x);
    GpOptions add = GpOptions.defaults().withStructure(THREE_GROUPS);
    GaussianProcess gp = GaussianProcess.fit(x, y, null, add);
    double prior = gp.hyperparameters().outputscale() * gp.outputStd() * gp.outputStd();
    double[] var = gp.posteriorVariance(new double[][] {x[0]});
    assertTrue(var[0] < 0.2 * prior, "variance " + var[0] + " prior " + prior);
    GaussianProcess again = GaussianProcess.withHyperparameters(x, y, null, gp.hyperparameters(), add);
    assertEquals(gp.posteriorMean(new double[][] {x[1]})[0], again.posteriorMean(new double[][] {x[1]})[0], 0.0);
    Posterior joint = gp.posterior(new double[][] {x[0], x[1]});
    assertEquals(var[0], joint.covariance()[0][0], 1e-12);
  }

  @Test
  void withHyperparameters_componentsDisagreeWithKernel_throws() {
    double[][] x = UnitCubePoints.uniform(5, 9, 3);
    double[] y = additive(x);
    GpHyperparameters plain = new GpHyperparameters(fill(9, 0.5), 1.0, 0.1, 0);
    assertThrows(IllegalArgumentException.class, () -> GaussianProcess.withHyperparameters(x, y, null,
        new GpHyperparameters(fill(9, 0.5), 1.0, 0.1, 0), GpOptions.defaults().withStructure(THREE_GROUPS)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GaussianProcess.withHyperparameters(x, y, null,
            new GpHyperparameters(fill(9, 0.5), 1.0, 0.1, 0, new double[] {0.5, 0.5}), GpOptions.defaults()));
    assertEquals("hyperparameters have 2 component outputscales but the kernel is not additive", e.getMessage());
    assertTrue(plain.toString().contains("lengthscales"));
  }

  private static double[] fill(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  private static double rmse(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s / a.length);
  }
}
