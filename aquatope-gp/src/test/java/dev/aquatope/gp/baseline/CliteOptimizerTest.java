package dev.aquatope.gp.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.ObservationFlag;
import dev.aquatope.core.model.OptimizationProblem;
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

class CliteOptimizerTest {
  @Test
  void score_feasibleInfeasibleFailed_matchDocumentedFormula() {
    OptimizationProblem p = RandomSearchOptimizerTest.tiny();
    CliteOptimizer clite = new CliteOptimizer(p, 1, 4);
    Configuration c = new Configuration(Map.of("s.cpu", 3.0, "s.memory", 512.0));
    // Feasible (latency 0.6 <= 0.9): 0.5 + 0.5 * (1 - 2 / 8).
    assertEquals(0.875, clite.score(Observation.of(c, 2, 0.6, Instant.EPOCH), 8), 1e-12);
    // Infeasible: 0.5 * 0.9 / 1.8.
    assertEquals(0.25, clite.score(Observation.of(c, 2, 1.8, Instant.EPOCH), 8), 1e-12);
    assertEquals(0.0, clite.score(Observation.of(c, 2, 0.6, Instant.EPOCH).withFlag(ObservationFlag.FAILED, "oom"), 8));
  }

  @Test
  void suggest_afterDesign_distinctUnobservedAndRestoresIdentically() throws Exception {
    OptimizationProblem p = RandomSearchOptimizerTest.tiny();
    ConstrainedBatchOptimizer opt = Providers.optimizer("clite", p, 5);
    opt.observe(opt.suggest(4).stream().map(RandomSearchOptimizerTest::evaluate).toList());
    opt.observe(opt.suggest(3).stream().map(RandomSearchOptimizerTest::evaluate).toList());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    opt.exportState(out);
    ConstrainedBatchOptimizer back = Providers.optimizerProvider("clite")
        .restore(p, new ByteArrayInputStream(out.toByteArray()));
    List<Configuration> next = opt.suggest(3);
    assertEquals(next, back.suggest(3));
    Set<Configuration> observed = new HashSet<>();
    opt.observations().forEach(o -> observed.add(o.configuration()));
    assertEquals(3, new HashSet<>(next).size());
    for (Configuration c : next) {
      assertFalse(observed.contains(c));
    }
    assertTrue(opt.bestFeasible().orElseThrow().latency() <= 0.9);
  }
}
