package dev.aquatope.gp.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aquatope.gp.kernel.KernelType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** GP values against BoTorch 0.12 / GPyTorch 1.13 (GP_REFERENCE section 7.3). */
class GaussianProcessGoldenTest {
  private static final double TIER1 = 1e-12;
  private static final double TIER2 = 1e-10;

  static double[] fill(double[] yVar, double v) {
    Arrays.fill(yVar, v);
    return yVar;
  }

  /** The two-output fixed-noise model of section 7.3 (Matérn, ScaleKernel, Standardize). */
  static GaussianProcess[] twoOutputModel(KernelType kernel) {
    double[][] x = GoldenData.trainX();
    double yVar = GoldenData.scalar("posterior_2out_fixednoise.train_Yvar");
    double[] v = fill(new double[x.length], yVar);
    double[] ls0 = GoldenData.vector("posterior_2out_fixednoise.lengthscale_out0");
    double[] ls1 = GoldenData.vector("posterior_2out_fixednoise.lengthscale_out1");
    double[] os = GoldenData.vector("posterior_2out_fixednoise.outputscale");
    double[] means = GoldenData.vector("posterior_2out_fixednoise.mean_constant_standardized_space");
    GpOptions options = new GpOptions(kernel, PriorSet.GAMMA_LEGACY, true, 1e-4, 1, 0);
    return new GaussianProcess[] {
      GaussianProcess.withHyperparameters(x, GoldenData.trainObjective(), v,
          new GpHyperparameters(ls0, os[0], 0, means[0]), options),
      GaussianProcess.withHyperparameters(x, GoldenData.trainConstraint(), v,
          new GpHyperparameters(ls1, os[1], 0, means[1]), options)};
  }

  @Test
  void logMarginalLikelihood_legacyPriors_matchesGpytorch() {
    GpOptions options = new GpOptions(KernelType.MATERN52, PriorSet.GAMMA_LEGACY, false, 1e-4, 1, 0);
    GpHyperparameters h = new GpHyperparameters(new double[] {0.3, 0.6}, 1.5, 0.01, 0.1);
    GaussianProcess gp = GaussianProcess.withHyperparameters(GoldenData.trainX(),
        GoldenData.trainObjective(), null, h, options);
    assertEquals(GoldenData.scalar("mll_legacy_matern_gamma.gaussian_log_prob"),
        gp.gaussianLogDensity(), TIER1);
    assertEquals(GoldenData.scalar("mll_legacy_matern_gamma.mll_value_divided_by_n"),
        gp.logMarginalLikelihoodPerPoint(), TIER1);
  }

  @Test
  void logMarginalLikelihood_dimScaledPriors_matchesGpytorch() {
    GpOptions options = new GpOptions(KernelType.RBF, PriorSet.LOGNORMAL_DIM_SCALED, true, 1e-4, 1,
        0);
    GpHyperparameters h = new GpHyperparameters(new double[] {0.3, 0.6}, 1.0, 0.01, 0.1);
    GaussianProcess gp = GaussianProcess.withHyperparameters(GoldenData.trainX(),
        GoldenData.trainObjective(), null, h, options);
    assertEquals(GoldenData.scalar("mll_default_0_12_rbf_lognormal_standardized.gaussian_log_prob"),
        gp.gaussianLogDensity(), TIER1);
    assertEquals(
        GoldenData.scalar("mll_default_0_12_rbf_lognormal_standardized.mll_value_divided_by_n"),
        gp.logMarginalLikelihoodPerPoint(), TIER1);
  }

  @Test
  void posterior_twoOutputFixedNoise_matchesBotorch() {
    GaussianProcess[] gps = twoOutputModel(KernelType.MATERN52);
    double[][] xt = GoldenData.matrix("posterior_2out_fixednoise.Xtest");
    double[][] mean = GoldenData.matrix("posterior_2out_fixednoise.mean");
    double[][] var = GoldenData.matrix("posterior_2out_fixednoise.variance");
    for (int j = 0; j < 2; j++) {
      double[] mu = gps[j].posteriorMean(xt);
      double[] v = gps[j].posteriorVariance(xt);
      for (int i = 0; i < xt.length; i++) {
        assertEquals(mean[i][j], mu[i], TIER2, "mean " + i + "," + j);
        assertEquals(var[i][j], v[i], TIER2, "variance " + i + "," + j);
      }
    }
    double[][] cov = GoldenData.matrix("posterior_2out_fixednoise.joint_cov_out0");
    Posterior p = gps[0].posterior(xt);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(cov[i], p.covariance()[i], TIER2);
    }
    assertEquals(GoldenData.vector("posterior_2out_fixednoise.standardize_means")[1],
        gps[1].outputMean(), 1e-15);
    assertEquals(GoldenData.vector("posterior_2out_fixednoise.standardize_stdvs")[0],
        gps[0].outputStd(), 1e-15);
  }
}
