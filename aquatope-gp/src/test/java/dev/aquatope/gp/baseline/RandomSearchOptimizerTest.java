package dev.aquatope.gp.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.ConfigSpace;
import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Knob;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.OptimizationProblem;
import dev.aquatope.core.model.QosTarget;
import dev.aquatope.core.model.StageObservation;
import dev.aquatope.core.model.Workflow;
import dev.aquatope.core.spi.ConstrainedBatchOptimizer;
import dev.aquatope.core.spi.Providers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomSearchOptimizerTest {
  /** cpu x memory of one stage: 4 x 3 = 12 grid points; latency 2/cpu, cost cpu + memory/1024. */
  static OptimizationProblem tiny() {
    Workflow wf = Workflow.chain("w", "s");
    return new OptimizationProblem(wf, ConfigSpace.perStage(wf, List.of(Knob.cpu(1, 4, 1), Knob.memory(512, 1536, 512))),
        QosTarget.meanBelow(0.9));
  }

  static Observation evaluate(Configuration c) {
    double cpu = c.get("s.cpu");
    return Observation.of(c, cpu + c.get("s.memory") / 1024, 2 / cpu, Instant.EPOCH);
  }

  @Test
  void suggest_wholeGrid_distinctUntilExhausted() {
    ConstrainedBatchOptimizer opt = Providers.optimizer("random", tiny(), 3);
    Set<Configuration> seen = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      List<Configuration> batch = opt.suggest(3);
      assertEquals(3, batch.size());
      for (Configuration c : batch) {
        assertTrue(seen.add(c), "repeated " + c);
      }
      opt.observe(batch.stream().map(RandomSearchOptimizerTest::evaluate).toList());
    }
    assertEquals(12, seen.size());
    assertTrue(opt.suggest(3).isEmpty());
    // Cheapest feasible: cpu 3 (latency 0.667), memory 512 -> cost 3.5.
    assertEquals(3.5, opt.bestFeasible().orElseThrow().cost(), 1e-12);
  }

  @Test
  void exportState_restored_continuesIdentically() throws Exception {
    ConstrainedBatchOptimizer opt = Providers.optimizer("random", tiny(), 8);
    opt.observe(opt.suggest(4).stream().map(RandomSearchOptimizerTest::evaluate)
        .map(o -> o.withStages(Map.of("s", new StageObservation(o.latency(), o.cost())))).toList());
    List<Configuration> pending = opt.suggest(2);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    opt.exportState(out);
    ConstrainedBatchOptimizer back = Providers.optimizerProvider("random")
        .restore(tiny(), new ByteArrayInputStream(out.toByteArray()));
    assertEquals(opt.observations(), back.observations());
    assertEquals(1, back.observations().get(3).stages().size());
    List<Configuration> a = opt.suggest(3);
    assertEquals(a, back.suggest(3));
    for (Configuration c : a) {
      assertFalse(pending.contains(c));
    }
  }
}
