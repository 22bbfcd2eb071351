package dev.aquatope.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Observation;
import dev.aquatope.gp.optim.Grid;
import java.util.ArrayList;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The safe set ({@code minFeasibilityProbability}) and the generous design ({@code designRange}). */
class GpBatchOptimizerSafeSetTest {
  private static final double BOUND = 3.0;

  @Test
  void builder_outOfRangeSafeSetSettings_throwNamingTheParameter() {
    var b = GpBatchOptimizer.newBuilder(new ToyProblem(BOUND).problem());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.minFeasibilityProbability(1.0));
    assertEquals("minFeasibilityProbability must be in [0, 1), was 1.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> b.minFeasibilityProbability(Double.NaN));
    assertEquals("minFeasibilityProbability must be in [0, 1), was NaN", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> b.designRange(0));
    assertEquals("designRange must be in (0, 1], was 0.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> b.designRange(1.5));
    assertEquals("designRange must be in (0, 1], was 1.5", e.getMessage());
  }

  @Test
  void builder_safeRadius_validatedAndSetBySafeExploration() {
    var b = GpBatchOptimizer.newBuilder(new ToyProblem(BOUND).problem());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.safeRadius(-0.5));
    assertEquals("safeRadius must be finite and >= 0, was -0.5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> b.safeRadius(Double.NaN));
    assertEquals("safeRadius must be finite and >= 0, was NaN", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> b.safeRadius(Double.POSITIVE_INFINITY));
    assertEquals("safeRadius must be finite and >= 0, was Infinity", e.getMessage());
    assertEquals(0.0, b.build().options().safeRadius());
    assertTrue(!b.build().options().stageCostRate());
    GpBatchOptimizerOptions safe = GpBatchOptimizer.newBuilder(new ToyProblem(BOUND).problem()).safeExploration()
        .build().options();
    assertEquals(GpBatchOptimizer.SAFE_RADIUS, safe.safeRadius());
    assertTrue(safe.stageCostRate());
    assertEquals(GpBatchOptimizer.SAFE_MIN_FEASIBILITY_PROBABILITY, safe.minFeasibilityProbability());
  }

  @Test
  void suggest_safeRadius_keepsEveryModelBasedPointNearAMeasuredFeasibleOne() {
    double radius = 0.25;
    double[] farthest = new double[2];
    for (int k = 0; k < 2; k++) {
      ToyProblem toy = new ToyProblem(BOUND);
      GpBatchOptimizer opt = GpBatchOptimizer.newBuilder(toy.problem()).seed(7).rawSamples(256)
          .minFeasibilityProbability(0.9).designRange(1).safeRadius(k == 0 ? 0 : radius).build();
      Grid grid = new Grid(toy.problem().space());
      SplittableRandom rng = new SplittableRandom(17);
      opt.observe(toy.evaluateAll(opt.suggest(10), rng, 0.05, 0));
      for (int batch = 0; batch < 8; batch++) {
        List<double[]> anchors = new ArrayList<>();
        for (Observation o : opt.observations()) {
          if (o.flags().isEmpty() && o.isFeasible(toy.problem().qos())) {
            anchors.add(grid.toUnit(grid.pointOf(o.configuration())));
          }
        }
        List<Configuration> next = opt.suggest(3);
        for (Configuration c : next) {
          double[] u = grid.toUnit(grid.pointOf(c));
          double nearest = Double.POSITIVE_INFINITY;
          for (double[] a : anchors) {
            double d = 0;
            for (int j = 0; j < u.length; j++) {
              d += Math.abs(u[j] - a[j]);
            }
            nearest = Math.min(nearest, d);
          }
          farthest[k] = Math.max(farthest[k], nearest);
        }
        opt.observe(toy.evaluateAll(next, rng, 0.05, 0));
      }
    }
    assertTrue(farthest[1] <= radius + 1e-12, "farthest step with the neighbourhood: " + farthest[1]);
    assertTrue(farthest[0] > radius, "without it the search steps further: " + farthest[0]);
  }

  @Test
  void suggest_designRange_keepsDesignInGenerousHalf() {
    ToyProblem toy = new ToyProblem(BOUND);
    List<Configuration> half = GpBatchOptimizer.newBuilder(toy.problem()).seed(5).designRange(0.5).build().suggest(10);
    List<Configuration> whole = GpBatchOptimizer.newBuilder(toy.problem()).seed(5).designRange(1).build().suggest(10);
    assertEquals(half.get(0), whole.get(0), "the anchor comes first either way");
    int belowHalf = 0;
    for (int i = 0; i < 10; i++) {
      for (String s : List.of("a", "b")) {
        assertTrue(half.get(i).get(s + ".cpu") >= 2.25, half.get(i).toString());
        assertTrue(half.get(i).get(s + ".memory") >= 1152, half.get(i).toString());
        if (whole.get(i).get(s + ".cpu") < 2.25 || whole.get(i).get(s + ".memory") < 1152) {
          belowHalf++;
        }
      }
    }
    assertTrue(belowHalf >= 5, "the whole-range design has " + belowHalf + " stage settings below the middle");
  }

  @Test
  void exportState_safeSetSettings_roundTripAndRestoredSuggestsSame() throws IOException {
    ToyProblem toy = new ToyProblem(BOUND);
    GpBatchOptimizer opt = GpBatchOptimizer.newBuilder(toy.problem()).seed(21).rawSamples(256)
        .minFeasibilityProbability(0.8).designRange(0.6).safeRadius(0.7).stageCostRate(true).build();
    GpBatchOptimizerTest.run(opt, toy, 10, 2, new SplittableRandom(4), 0.05, 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    opt.exportState(out);
    GpBatchOptimizer restored = GpBatchOptimizer.restore(toy.problem(), new ByteArrayInputStream(out.toByteArray()));
    assertEquals(0.8, restored.options().minFeasibilityProbability());
    assertEquals(0.6, restored.options().designRange());
    assertEquals(0.7, restored.options().safeRadius());
    assertTrue(restored.options().stageCostRate());
    assertEquals(opt.options(), restored.options());
    assertEquals(opt.suggest(3), restored.suggest(3));
  }

  @Test
  void restore_stateSavedBeforeTheSafeSetAndDriftFloor_restoresWithoutThem() throws IOException {
    ToyProblem toy = new ToyProblem(BOUND);
    GpBatchOptimizer opt = GpBatchOptimizer.newBuilder(toy.problem()).seed(22).rawSamples(256)
        .minFeasibilityProbability(0).designRange(1).drift(DriftOptions.defaults().withMinPredictiveStd(0)).build();
    GpBatchOptimizerTest.run(opt, toy, 10, 2, new SplittableRandom(6), 0.05, 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    opt.exportState(out);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode tree = (ObjectNode) mapper.readTree(out.toByteArray());
    ObjectNode options = (ObjectNode) tree.get("options");
    options.remove("minFeasibilityProbability");
    options.remove("designRange");
    options.remove("safeRadius");
    options.remove("stageCostRate");
    ((ObjectNode) options.get("drift")).remove("minPredictiveStd");
    GpBatchOptimizer restored = GpBatchOptimizer.restore(toy.problem(),
        new ByteArrayInputStream(mapper.writeValueAsBytes(tree)));
    assertEquals(0.0, restored.options().minFeasibilityProbability());
    assertEquals(1.0, restored.options().designRange());
    assertEquals(0.0, restored.options().safeRadius());
    assertTrue(!restored.options().stageCostRate());
    assertEquals(0.0, restored.options().drift().minPredictiveStd());
    assertEquals(opt.options(), restored.options());
    assertEquals(opt.suggest(3), restored.suggest(3));
  }

  @Test
  void suggest_safeSet_cutsInfeasibleEvaluationsOnToy() {
    int[] infeasible = new int[2];
    double[] thresholds = {0, 0.9};
    for (int k = 0; k < 2; k++) {
      ToyProblem toy = new ToyProblem(BOUND);
      GpBatchOptimizer opt = GpBatchOptimizer.newBuilder(toy.problem()).seed(7).rawSamples(256)
          .minFeasibilityProbability(thresholds[k]).designRange(1).build();
      GpBatchOptimizerTest.run(opt, toy, 10, 10, new SplittableRandom(17), 0.05, 0);
      List<Observation> obs = opt.observations();
      for (Observation o : obs.subList(10, obs.size())) {
        double[] exact = toy.evaluateExact(o.configuration());
        if (Double.isNaN(exact[0]) || exact[0] > BOUND) {
          infeasible[k]++;
        }
      }
    }
    assertTrue(infeasible[1] < infeasible[0], "infeasible model-based evaluations: " + infeasible[0]
        + " without the safe set, " + infeasible[1] + " with p_min 0.9");
  }
}
