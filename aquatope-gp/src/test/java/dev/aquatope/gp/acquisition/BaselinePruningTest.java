package dev.aquatope.gp.acquisition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.aquatope.gp.model.GaussianProcess;
import dev.aquatope.gp.model.GoldenData;
import org.junit.jupiter.api.Test;

/** prune_inferior_points: BoTorch's mocked cases and the golden 2048-sample case. */
class BaselinePruningTest {

  @Test
  void winners_mockSamples_matchBotorchTests() {
    // samples [[-1], [0], [1]] as one joint sample over three points => keeps the last point
    assertArrayEquals(new int[] {2},
        BaselinePruning.winners(new double[] {-1, 0, 1}, null, 1.0, 0.0, 1, 3));
    // negated objective keeps the first
    assertArrayEquals(new int[] {0},
        BaselinePruning.winners(new double[] {-1, 0, 1}, null, -1.0, 0.0, 1, 3));
    // constraint Y1 + 0.1 <= 0 with samples [[1,1],[0,0],[-1,-1]] => only the last survives
    assertArrayEquals(new int[] {2}, BaselinePruning.winners(new double[] {1, 0, -1},
        new double[] {1, 0, -1}, 1.0, -0.1, 1, 3));
  }

  @Test
  void keptIndices_golden2048Samples_keepsBotorchPoints() {
    GaussianProcess[] gps = ConstrainedQNoisyExpectedImprovementGoldenTest.twoOutputModel();
    double[][] x = GoldenData.trainX();
    int[] kept = BaselinePruning.keptIndices(gps[0], 1.0, gps[1], 0.0, x, 2048, 0);
    double[][] expected = GoldenData.matrix("prune.kept_points");
    double[][] actual = new double[kept.length][];
    for (int i = 0; i < kept.length; i++) {
      actual[i] = x[kept[i]];
    }
    assertArrayEquals(expected, actual);
  }
}
