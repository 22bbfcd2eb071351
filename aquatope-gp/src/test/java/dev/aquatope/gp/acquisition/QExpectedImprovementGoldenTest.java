package dev.aquatope.gp.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aquatope.gp.model.GaussianProcess;
import dev.aquatope.gp.model.GoldenData;
import dev.aquatope.gp.model.Posterior;
import dev.aquatope.gp.sampling.SobolNormalSampler;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * BoTorch's constrained qEI with a known best_f (GP_REFERENCE 3.6), assembled from the joint
 * posterior, the Sobol-normal base samples (dimension q * m) and the sample reduction: checks that
 * the building blocks compose exactly as BoTorch's MC acquisition does.
 */
class QExpectedImprovementGoldenTest {

  @Test
  void constrainedQei_bestF05_matchesBotorch() {
    GaussianProcess[] gps = ConstrainedQNoisyExpectedImprovementGoldenTest.twoOutputModel();
    double[][][] candidates = GoldenData.tensor3("acqf.X_candidates");
    var node = GoldenData.node("acqf").get("qEI_bestf0.5_con"); // the key contains a dot
    double[] expected = {node.get(0).asDouble(), node.get(1).asDouble()};
    int samples = 32;
    int q = 2;
    int m = 2;
    double[][] z = new SobolNormalSampler(samples, 0).baseSamples(q * m);
    for (int b = 0; b < candidates.length; b++) {
      double[][] s = new double[m][samples * q];
      for (int j = 0; j < m; j++) {
        Posterior p = gps[j].posterior(candidates[b]);
        double[][] c = p.covariance();
        double l00 = Math.sqrt(c[0][0]);
        double l10 = c[1][0] / l00;
        double l11 = Math.sqrt(c[1][1] - l10 * l10);
        for (int k = 0; k < samples; k++) {
          s[j][k * q] = p.mean()[0] + l00 * z[k][j];
          s[j][k * q + 1] = p.mean()[1] + l10 * z[k][j] + l11 * z[k][m + j];
        }
      }
      double[] bestF = new double[samples];
      Arrays.fill(bestF, 0.5);
      double value = SampleReduction.reduce(s[0], s[1], 1.0, 0.0, 1e-3, false, bestF, samples, q,
          new double[q], new double[samples]);
      assertEquals(expected[b], value, 1e-10, "t-batch " + b);
    }
  }
}
