package dev.aquatope.gp.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aquatope.gp.kernel.KernelType;
import dev.aquatope.gp.model.GaussianProcess;
import dev.aquatope.gp.model.GoldenData;
import dev.aquatope.gp.model.GpHyperparameters;
import dev.aquatope.gp.model.GpOptions;
import dev.aquatope.gp.model.PriorSet;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** qNEI / qLogNEI against BoTorch 0.12 on the two-output model of GP_REFERENCE 7.3 (tier 5). */
class ConstrainedQNoisyExpectedImprovementGoldenTest {
  private static final double TIER5 = 1e-10;

  static GaussianProcess[] twoOutputModel() {
    double[][] x = GoldenData.trainX();
    double[] v = new double[x.length];
    Arrays.fill(v, GoldenData.scalar("posterior_2out_fixednoise.train_Yvar"));
    double[] os = GoldenData.vector("posterior_2out_fixednoise.outputscale");
    double[] means = GoldenData.vector("posterior_2out_fixednoise.mean_constant_standardized_space");
    GpOptions options = new GpOptions(KernelType.MATERN52, PriorSet.GAMMA_LEGACY, true, 1e-4, 1, 0);
    return new GaussianProcess[] {
      GaussianProcess.withHyperparameters(x, GoldenData.trainObjective(), v, new GpHyperparameters(
          GoldenData.vector("posterior_2out_fixednoise.lengthscale_out0"), os[0], 0, means[0]),
          options),
      GaussianProcess.withHyperparameters(x, GoldenData.trainConstraint(), v,
          new GpHyperparameters(GoldenData.vector("posterior_2out_fixednoise.lengthscale_out1"),
              os[1], 0, means[1]), options)};
  }

  static ConstrainedQNoisyExpectedImprovement acquisition(boolean log, boolean cache,
      boolean constrained) {
    GaussianProcess[] gps = twoOutputModel();
    return ConstrainedQNoisyExpectedImprovement.newBuilder()
        .objectiveModel(gps[0])
        .latencyModel(gps[1])
        // BoTorch's unconstrained case still samples both outputs; +inf keeps every sample feasible
        .latencyBound(constrained ? 0.0 : Double.POSITIVE_INFINITY)
        .baseline(GoldenData.trainX())
        .mcSamples(32)
        .seed(0)
        .eta(1e-3)
        .log(log)
        .cacheRoot(cache)
        .pruneBaseline(false)
        .build();
  }

  @ParameterizedTest
  @CsvSource({
    "false, false, false, qNEI_cacheFalse_conFalse",
    "false, false, true, qNEI_cacheFalse_conTrue",
    "false, true, false, qNEI_cacheTrue_conFalse",
    "false, true, true, qNEI_cacheTrue_conTrue",
    "true, false, false, qLogNEI_cacheFalse_conFalse",
    "true, false, true, qLogNEI_cacheFalse_conTrue",
    "true, true, false, qLogNEI_cacheTrue_conFalse",
    "true, true, true, qLogNEI_cacheTrue_conTrue"})
  void evaluate_goldenCase_matchesBotorch(boolean log, boolean cache, boolean constrained,
      String key) {
    ConstrainedQNoisyExpectedImprovement acq = acquisition(log, cache, constrained);
    double[][][] candidates = GoldenData.tensor3("acqf.X_candidates");
    double[] expected = GoldenData.vector("acqf." + key);
    for (int b = 0; b < candidates.length; b++) {
      assertEquals(expected[b], acq.evaluate(candidates[b]), TIER5, key + " t-batch " + b);
    }
  }
}
