package dev.aquatope.core.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.Edge;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.Stage;
import dev.aquatope.core.model.Workflow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DownstreamPredictorTest {
  private final Workflow branch = new Workflow("w", List.of(Stage.of("a"), Stage.of("b"), Stage.of("c"), Stage.of("d")),
      List.of(new Edge("a", "b", 0.3, 1), new Edge("a", "c", 0.7, 1), Edge.of("b", "d"), Edge.of("c", "d")));

  @Test
  void learn_branchProbabilities_areLeastSquaresSlopesThroughTheOrigin() {
    Map<FunctionId, double[]> counts = Map.of(
        FunctionId.of("a"), new double[] {10, 20, 30, 40},
        FunctionId.of("b"), new double[] {2, 7, 9, 12},
        FunctionId.of("c"), new double[] {8, 13, 21, 28},
        FunctionId.of("d"), new double[] {10, 20, 30, 40});
    DownstreamPredictor p = DownstreamPredictor.learn(branch, counts);
    // sum(a*b) / sum(a^2) = (20 + 140 + 270 + 480) / 3000 = 0.30333...
    assertEquals(910.0 / 3000.0, p.ratio("a", "b"), 1e-15);
    assertEquals((80 + 260 + 630 + 1120) / 3000.0, p.ratio("a", "c"), 1e-15);
    assertTrue(p.isLearned("a", "b"));
    // fan-in: the larger of the two predictions
    DownstreamPredictor.Prediction d = p.predict("d", Map.of("b", 3.0, "c", 7.0)).orElseThrow();
    assertEquals("c", d.upstream());
    assertEquals(7.0 * p.ratio("c", "d"), d.value(), 1e-12);
  }

  @Test
  void learn_upstreamNeverRan_keepsTheStructuralRatio() {
    DownstreamPredictor p = DownstreamPredictor.learn(branch, Map.of(FunctionId.of("a"), new double[] {0, 0, 0},
        FunctionId.of("b"), new double[] {0, 0, 0}));
    assertEquals(0.3, p.ratio("a", "b"));
    assertFalse(p.isLearned("a", "b"));
    assertEquals(0.7, DownstreamPredictor.structural(branch).ratio("a", "c"));
  }

  @Test
  void learn_seriesOfDifferentLengths_areAlignedAtTheirEnds() {
    Workflow wf = Workflow.chain("w", "x", "y");
    DownstreamPredictor p = DownstreamPredictor.learn(wf, Map.of(FunctionId.of("x"), new double[] {100, 1, 2},
        FunctionId.of("y"), new double[] {3, 6}));
    assertEquals((1 * 3 + 2 * 6) / 5.0, p.ratio("x", "y"), 1e-15);
  }

  @Test
  void predict_entryStageOrUnknownEdge() {
    DownstreamPredictor p = DownstreamPredictor.structural(branch);
    assertTrue(p.predict("a", Map.of()).isEmpty());
    assertTrue(p.predict("b", Map.of()).isEmpty(), "no level for the upstream stage");
    assertThrows(IllegalArgumentException.class, () -> p.ratio("a", "d"));
  }
}
