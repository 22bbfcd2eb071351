package dev.aquatope.gp.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.gp.UnitCubePoints;
import dev.aquatope.gp.kernel.KernelType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Behaviour of the GP beyond the golden values: LOO, updates, priors, gradients, validation. */
class GaussianProcessTest {
  private static final GpOptions RAW =
      new GpOptions(KernelType.MATERN52, PriorSet.GAMMA_LEGACY, false, 1e-4, 1, 0);


  private static double[] f(double[][] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.sin(6 * x[i][0]) + x[i][1] * x[i][1];
    }
    return y;
  }

  @Test
  void leaveOneOut_closedForm_equalsRefitWithoutThePoint() {
    double[][] x = UnitCubePoints.uniform(12, 2, 1);
    double[] y = f(x);
    GpHyperparameters h = new GpHyperparameters(new double[] {0.3, 0.5}, 1.2, 0.05, 0.1);
    GaussianProcess gp = GaussianProcess.withHyperparameters(x, y, null, h, RAW);
    LeaveOneOut loo = gp.leaveOneOut();
    for (int i = 0; i < x.length; i++) {
      double[][] xm = new double[x.length - 1][];
      double[] ym = new double[x.length - 1];
      for (int j = 0, k = 0; j < x.length; j++) {
        if (j != i) {
          xm[k] = x[j];
          ym[k++] = y[j];
        }
      }
      GaussianProcess without = GaussianProcess.withHyperparameters(xm, ym, null, h, RAW);
      double[][] xi = {x[i]};
      assertEquals(without.posteriorMean(xi)[0], loo.mean()[i], 1e-10);
      assertEquals(Math.sqrt(without.posteriorVariance(xi)[0] + 0.05), loo.std()[i], 1e-10);
    }
  }

  @Test
  void leaveOneOut_standardized_isInOriginalUnits() {
    double[][] x = UnitCubePoints.uniform(10, 2, 2);
    double[] y = f(x);
    for (int i = 0; i < y.length; i++) {
      y[i] = 1000 + 50 * y[i];
    }
    GaussianProcess gp = GaussianProcess.fit(x, y, null, GpOptions.defaults());
    LeaveOneOut loo = gp.leaveOneOut();
    for (int i = 0; i < y.length; i++) {
      assertTrue(Math.abs(loo.mean()[i] - y[i]) < 5 * loo.std()[i] + 50, "point " + i);
      assertTrue(loo.mean()[i] > 900 && loo.mean()[i] < 1100);
    }
  }

  @Test
  void withAddedPoints_equalsBuildingOnAllPoints() {
    double[][] x = UnitCubePoints.uniform(9, 3, 3);
    double[] y = f(x);
    double[] v = new double[9];
    Arrays.fill(v, 0.01);
    GpHyperparameters h = new GpHyperparameters(new double[] {0.3, 0.5, 0.9}, 1.2, 0, 0.1);
    GpOptions opts = GpOptions.defaults();
    GaussianProcess first = GaussianProcess.withHyperparameters(Arrays.copyOf(x, 6),
        Arrays.copyOf(y, 6), Arrays.copyOf(v, 6), h, opts);
    GaussianProcess added = first.withAddedPoints(Arrays.copyOfRange(x, 6, 9),
        Arrays.copyOfRange(y, 6, 9), Arrays.copyOfRange(v, 6, 9));
    GaussianProcess all = GaussianProcess.withHyperparameters(x, y, v, h, opts);
    double[][] test = UnitCubePoints.uniform(5, 3, 4);
    assertEquals(9, added.size());
    assertArrayEquals(all.posteriorMean(test), added.posteriorMean(test), 1e-12);
    assertArrayEquals(all.posteriorVariance(test), added.posteriorVariance(test), 1e-12);
    assertThrows(IllegalArgumentException.class,
        () -> first.withAddedPoints(new double[][] {{0.1, 0.2, 0.3}}, new double[] {1}, null));
  }

  @Test
  void fit_duplicatePointsWithoutNoise_succeedsWithJitter() {
    double[][] x = {{0.2, 0.2}, {0.2, 0.2}, {0.2, 0.2}, {0.7, 0.1}, {0.7, 0.1}};
    double[] y = {1.0, 1.0, 1.0, 2.0, 2.0};
    double[] zero = new double[5];
    GaussianProcess gp = GaussianProcess.fit(x, y, zero, GpOptions.defaults());
    double[] mean = gp.posteriorMean(new double[][] {{0.2, 0.2}, {0.7, 0.1}});
    assertEquals(1.0, mean[0], 1e-3);
    assertEquals(2.0, mean[1], 1e-3);
    assertTrue(Double.isFinite(gp.logMarginalLikelihoodPerPoint()));
  }

  @Test
  void posterior_jointCovariance_diagonalEqualsVariance() {
    double[][] x = UnitCubePoints.uniform(15, 2, 5);
    GaussianProcess gp = GaussianProcess.fit(x, f(x), null, GpOptions.defaults());
    double[][] test = UnitCubePoints.uniform(4, 2, 6);
    Posterior p = gp.posterior(test);
    double[] var = gp.posteriorVariance(test);
    assertArrayEquals(gp.posteriorMean(test), p.mean(), 1e-12);
    for (int i = 0; i < 4; i++) {
      assertEquals(var[i], p.covariance()[i][i], 1e-12);
      for (int j = 0; j < 4; j++) {
        assertEquals(p.covariance()[i][j], p.covariance()[j][i], 0.0);
      }
    }
  }

  @Test
  void initialValues_bothPriorSets_matchBotorch() {
    double[][] x = GoldenData.trainX();
    MapObjective legacy = new MapObjective(x, GoldenData.trainObjective(), null,
        GpOptions.defaults());
    GpHyperparameters l = legacy.initialHyperparameters();
    assertArrayEquals(GoldenData.vector("fit_init_legacy.lengthscale"), l.lengthscales(), 1e-15);
    assertEquals(GoldenData.scalar("fit_init_legacy.outputscale"), l.outputscale(), 1e-15);
    assertEquals(2.0, l.noise(), 1e-12); // Gamma(1.1, 0.05) mode
    MapObjective dimScaled = new MapObjective(x, GoldenData.trainObjective(), null,
        GpOptions.defaults().withPriors(PriorSet.LOGNORMAL_DIM_SCALED));
    GpHyperparameters n = dimScaled.initialHyperparameters();
    assertArrayEquals(GoldenData.vector("fit_init_new.lengthscale"), n.lengthscales(), 1e-15);
    assertEquals(GoldenData.vector("fit_init_new.noise")[0], n.noise(), 1e-15);
    assertEquals(1.0, n.outputscale(), 0.0);
  }

  @Test
  void logPriors_bothPriorSets_matchGpytorch() {
    double[][] x = GoldenData.trainX();
    GpHyperparameters h = new GpHyperparameters(new double[] {0.3, 0.6}, 1.5, 0.01, 0.1);
    MapObjective legacy = new MapObjective(x, GoldenData.trainObjective(), null,
        GpOptions.defaults());
    var legacyPriors = GoldenData.node("mll_legacy_matern_gamma.prior_log_probs");
    double expectedLegacy = legacyPriors.get("likelihood.noise_covar.noise_prior").asDouble()
        + legacyPriors.get("covar_module.outputscale_prior").asDouble()
        + legacyPriors.get("covar_module.base_kernel.lengthscale_prior").asDouble();
    assertEquals(expectedLegacy, legacy.logPriors(h), 1e-12);
    MapObjective dimScaled = new MapObjective(x, GoldenData.trainObjective(), null,
        GpOptions.defaults().withPriors(PriorSet.LOGNORMAL_DIM_SCALED));
    var newPriors = GoldenData.node("mll_default_0_12_rbf_lognormal_standardized.prior_log_probs");
    double expectedNew = newPriors.get("likelihood.noise_covar.noise_prior").asDouble()
        + newPriors.get("covar_module.lengthscale_prior").asDouble();
    assertEquals(expectedNew,
        dimScaled.logPriors(new GpHyperparameters(new double[] {0.3, 0.6}, 1.0, 0.01, 0.1)), 1e-12);
  }

  @Test
  void mapObjective_gradient_matchesFiniteDifferences() {
    double[][] x = UnitCubePoints.uniform(10, 3, 7);
    double[] y = f(x);
    double[] v = new double[10];
    Arrays.fill(v, 0.02);
    for (PriorSet priors : PriorSet.values()) {
      for (KernelType kernel : KernelType.values()) {
        for (double[] yVar : new double[][] {null, v}) {
          GpOptions o = new GpOptions(kernel, priors, true, 1e-4, 1, 0);
          MapObjective obj = new MapObjective(x, y, yVar, o);
          double[] p = obj.toParameters(new GpHyperparameters(new double[] {0.3, 0.6, 0.45}, 1.3,
              yVar == null ? 0.05 : 0, 0.2));
          double[] g = new double[p.length];
          obj.evaluate(p, g);
          for (int i = 0; i < p.length; i++) {
            double h = 1e-6;
            double[] up = p.clone();
            double[] dn = p.clone();
            up[i] += h;
            dn[i] -= h;
            double fd = (obj.evaluate(up, new double[p.length])
                - obj.evaluate(dn, new double[p.length])) / (2 * h);
            assertEquals(fd, g[i], 1e-6, priors + " " + kernel + " noise " + (yVar == null)
                + " parameter " + i);
          }
        }
      }
    }
  }

  @Test
  void fit_badInput_throwsNamingTheField() {
    double[][] x = {{0.1, 0.2}, {0.3, 0.4}};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GaussianProcess.fit(x, new double[] {1.0, Double.NaN}, null, GpOptions.defaults()));
    assertEquals("y[1] must be finite, was NaN", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> GaussianProcess.fit(x, new double[] {1.0}, null, GpOptions.defaults()));
    assertThrows(IllegalArgumentException.class,
        () -> GaussianProcess.fit(x, new double[] {1, 2}, new double[] {0.1, -1},
            GpOptions.defaults()));
    assertThrows(IllegalArgumentException.class,
        () -> GaussianProcess.fit(new double[][] {{0.1, 0.2}, {0.3}}, new double[] {1, 2}, null,
            GpOptions.defaults()));
  }

  @Test
  void options_invalidFields_throw() {
    assertThrows(IllegalArgumentException.class,
        () -> new GpOptions(KernelType.RBF, PriorSet.GAMMA_LEGACY, true, 0.0, 1, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new GpOptions(KernelType.RBF, PriorSet.GAMMA_LEGACY, true, 1e-4, 0, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new GpOptions(null, PriorSet.GAMMA_LEGACY, true, 1e-4, 1, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new GpHyperparameters(new double[] {0.1}, 1.0, -1.0, 0));
  }

  @Test
  void fit_onePointOrConstantOutputs_standardizesWithUnitStd() {
    GaussianProcess one = GaussianProcess.fit(new double[][] {{0.5, 0.5}}, new double[] {3.0}, null,
        GpOptions.defaults());
    assertEquals(3.0, one.outputMean(), 0.0);
    assertEquals(1.0, one.outputStd(), 0.0);
    assertEquals(3.0, one.posteriorMean(new double[][] {{0.5, 0.5}})[0], 0.1);
    GaussianProcess flat = GaussianProcess.fit(new double[][] {{0.1}, {0.5}, {0.9}},
        new double[] {2.0, 2.0, 2.0}, null, GpOptions.defaults());
    assertEquals(1.0, flat.outputStd(), 0.0);
    assertEquals(2.0, flat.posteriorMean(new double[][] {{0.3}})[0], 1e-9);
  }

  @Test
  void standardize_usesUnbiasedStd() {
    GaussianProcess gp = GaussianProcess.fit(new double[][] {{0.1}, {0.5}, {0.9}},
        new double[] {1.0, 2.0, 4.0}, null, GpOptions.defaults().withRestarts(1));
    double mean = 7.0 / 3;
    double var = ((1 - mean) * (1 - mean) + (2 - mean) * (2 - mean) + (4 - mean) * (4 - mean)) / 2;
    assertEquals(mean, gp.outputMean(), 1e-15);
    assertEquals(Math.sqrt(var), gp.outputStd(), 1e-15);
  }

  @Test
  void fit_sameSeed_identicalHyperparameters() {
    double[][] x = UnitCubePoints.uniform(12, 2, 8);
    GpOptions o = GpOptions.defaults().withRestarts(3).withSeed(42);
    assertEquals(GaussianProcess.fit(x, f(x), null, o).hyperparameters(),
        GaussianProcess.fit(x, f(x), null, o).hyperparameters());
  }
}
