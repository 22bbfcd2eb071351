package dev.aquatope.gp.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.gp.model.GoldenData;
import org.junit.jupiter.api.Test;

/**
 * The sample arithmetic against BoTorch's dumped joint samples (tier 4) and the mocked-sample
 * cases of BoTorch's test_monte_carlo.py / test_objective.py (GP_REFERENCE 7.1).
 */
class SampleReductionTest {
  private static final double NO_CONSTRAINT = Double.NaN;

  private static double qnei(double[] obj, double[] bestF, int samples, int q, double bound,
      double[] con) {
    return SampleReduction.reduce(obj, con, 1.0, bound, 1e-3, false, bestF, samples, q,
        new double[q], new double[samples]);
  }

  @Test
  void reduce_dumpedBotorchSamples_reproducesQneiExactly() {
    double[][][] s = GoldenData.tensor3("acqf.explicit_samples_tbatch0"); // 32 x (8 + 2) x 2
    int samples = s.length;
    int nb = 8;
    int q = 2;
    double[] baseObj = new double[samples * nb];
    double[] baseCon = new double[samples * nb];
    double[] obj = new double[samples * q];
    double[] con = new double[samples * q];
    for (int k = 0; k < samples; k++) {
      for (int i = 0; i < nb + q; i++) {
        if (i < nb) {
          baseObj[k * nb + i] = s[k][i][0];
          baseCon[k * nb + i] = s[k][i][1];
        } else {
          obj[k * q + i - nb] = s[k][i][0];
          con[k * q + i - nb] = s[k][i][1];
        }
      }
    }
    double[] bestF = new double[samples];
    SampleReduction.bestFeasible(baseObj, baseCon, 1.0, 0.0, Double.NEGATIVE_INFINITY, samples, 0,
        nb, nb, bestF);
    assertEquals(GoldenData.scalar("acqf.manual_qNEI_from_samples_tbatch0"),
        qnei(obj, bestF, samples, q, 0.0, con), 1e-15);
    // qLogNEI on the same samples approximates log(qNEI) from above within the smoothing
    double logAcq = SampleReduction.reduce(obj, con, 1.0, 0.0, 1e-3, true, bestF, samples, q,
        new double[q], new double[samples]);
    assertTrue(Math.abs(Math.exp(logAcq) - 0.15751858666512542) < 0.02, "log " + logAcq);
  }

  @Test
  void reduce_qneiMockSamples_matchBotorchTests() {
    // baseline sample 0, candidate sample 1 => 1.0
    assertEquals(1.0, qnei(new double[] {1.0}, new double[] {0.0}, 1, 1, NO_CONSTRAINT, null), 0.0);
    // qEI on samples 0: best_f 0 => 0, best_f -1 => 1
    assertEquals(0.0, qnei(new double[] {0.0}, new double[] {0.0}, 1, 1, NO_CONSTRAINT, null), 0.0);
    assertEquals(1.0, qnei(new double[] {0.0}, new double[] {-1.0}, 1, 1, NO_CONSTRAINT, null), 0.0);
    // batch samples [[1, 0], [0, 0]] with q = 2: best_f 0 => [1, 0], best_f -1 => [2, 1]
    assertEquals(1.0, qnei(new double[] {1, 0}, new double[] {0}, 1, 2, NO_CONSTRAINT, null), 0.0);
    assertEquals(0.0, qnei(new double[] {0, 0}, new double[] {0}, 1, 2, NO_CONSTRAINT, null), 0.0);
    assertEquals(2.0, qnei(new double[] {1, 0}, new double[] {-1}, 1, 2, NO_CONSTRAINT, null), 0.0);
    assertEquals(1.0, qnei(new double[] {0, 0}, new double[] {-1}, 1, 2, NO_CONSTRAINT, null), 0.0);
  }

  @Test
  void reduce_alwaysFeasibleOrInfeasibleConstraint_scalesByIndicator() {
    // constraint values -1 (feasible) and +1 (infeasible) with eta = 1e-3: value = unconstrained
    // times the indicator of feasibility
    assertEquals(1.0, qnei(new double[] {1.0}, new double[] {0.0}, 1, 1, 0.0, new double[] {-1}),
        1e-15);
    assertEquals(0.0, qnei(new double[] {1.0}, new double[] {0.0}, 1, 1, 0.0, new double[] {1}),
        1e-300);
  }

  @Test
  void reduce_constraintAtBoundary_halvesTheImprovement() {
    // apply_constraints: a constraint returning 0 gives the factor 0.5
    assertEquals(0.5, qnei(new double[] {1.0}, new double[] {0.0}, 1, 1, 0.0, new double[] {0}),
        1e-16);
    // eta = 1 and eta = 10 with constraint value 1 give sigmoid(-1) and sigmoid(-0.1)
    double s1 = SampleReduction.reduce(new double[] {1.0}, new double[] {1.0}, 1.0, 0.0, 1.0, false,
        new double[] {0.0}, 1, 1, new double[1], new double[1]);
    double s10 = SampleReduction.reduce(new double[] {1.0}, new double[] {1.0}, 1.0, 0.0, 10.0,
        false, new double[] {0.0}, 1, 1, new double[1], new double[1]);
    assertEquals(1 / (1 + Math.exp(1)), s1, 1e-15);
    assertEquals(1 / (1 + Math.exp(0.1)), s10, 1e-15);
  }

  @Test
  void bestFeasible_noFeasibleBaselineInSomeSample_usesInfeasibleValue() {
    // two samples, two points; sample 1 has no feasible point
    double[] obj = {3.0, 5.0, 4.0, 6.0};
    double[] con = {-1.0, 1.0, 1.0, 1.0};
    double[] out = new double[2];
    SampleReduction.bestFeasible(obj, con, 1.0, 0.0, -7.0, 2, 0, 2, 2, out);
    assertEquals(3.0, out[0], 0.0);
    assertEquals(-7.0, out[1], 0.0);
    // when every sample has a feasible point, infeasible entries are -inf
    double[] con2 = {-1.0, 1.0, 1.0, -1.0};
    SampleReduction.bestFeasible(obj, con2, 1.0, 0.0, -7.0, 2, 0, 2, 2, out);
    assertEquals(3.0, out[0], 0.0);
    assertEquals(6.0, out[1], 0.0);
  }

  @Test
  void reduce_logForm_boundsTheExpectedImprovementFromAbove() {
    double[] obj = {0.3, -0.2, 1.0, 0.5, -1.0, 0.1};
    double[] bestF = {0.0, 0.2, -0.5};
    double plain = SampleReduction.reduce(obj, null, 1.0, Double.NaN, 1e-3, false, bestF, 3, 2,
        new double[2], new double[3]);
    double log = SampleReduction.reduce(obj, null, 1.0, Double.NaN, 1e-3, true, bestF, 3, 2,
        new double[2], new double[3]);
    // fatmax adds at most tau_max * log(q) and fatplus at most ~tau_relu
    assertTrue(Math.exp(log) >= plain - 1e-12);
    assertTrue(Math.exp(log) <= plain * Math.exp(SampleReduction.TAU_MAX * Math.log(2)) + 1e-5);
  }
}
