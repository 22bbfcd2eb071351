package dev.aquatope.examples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aquatope.core.model.ConfigSpace;
import dev.aquatope.core.model.Knob;
import dev.aquatope.core.model.OptimizationProblem;
import dev.aquatope.core.model.QosTarget;
import dev.aquatope.core.model.Workflow;
import dev.aquatope.gp.GpBatchOptimizer;
import dev.aquatope.gp.GpBatchOptimizerOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class GpQneiOptionsTest {
  private static final OptimizationProblem PROBLEM;

  static {
    Workflow wf = Workflow.chain("w", "a", "b");
    PROBLEM = new OptimizationProblem(wf, ConfigSpace.perStage(wf, List.of(Knob.cpu(0.5, 4.0, 0.5))),
        QosTarget.meanBelow(2.0));
  }

  private static GpBatchOptimizerOptions built(GpQneiOptions o) {
    return ((GpBatchOptimizer) o.provider().create(PROBLEM, 1)).options();
  }

  @Test
  void provider_safeExplorationWithAndWithoutRadius_reachesTheOptimizer() {
    GpQneiOptions safe = GpQneiOptions.defaults().withSafeExploration(true);
    assertEquals(GpBatchOptimizer.SAFE_RADIUS, built(safe).safeRadius());
    assertEquals(0.4, built(safe.withSafeRadius(0.4)).safeRadius());
    assertEquals("0.4", safe.withSafeRadius(0.4).providerOptions().get("safe-radius"));
    assertFalse(safe.providerOptions().containsKey("safe-radius"));
    // the plain search has no neighbourhood and log-cost stage models
    GpBatchOptimizerOptions plain = built(GpQneiOptions.defaults());
    assertEquals(0.0, plain.safeRadius());
    assertFalse(plain.stageCostRate());
  }

  @Test
  void withSafeRadius_negativeOrInfinite_throwsNamingTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GpQneiOptions.defaults().withSafeRadius(-1));
    assertEquals("safeRadius must be finite and >= 0, was -1.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> GpQneiOptions.defaults().withSafeRadius(Double.POSITIVE_INFINITY));
    assertEquals("safeRadius must be finite and >= 0, was Infinity", e.getMessage());
  }
}
