package dev.aquatope.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.spi.ConstrainedBatchOptimizer;
import dev.aquatope.core.spi.Providers;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GpBatchOptimizerProviderTest {
  private static final ToyProblem TOY = new ToyProblem(3.0);

  @Test
  void createWithOptions_setsEveryKnownSetting() {
    Map<String, String> o = Map.of("n-init", "6", "batch-size", "2", "mc-samples", "16", "num-restarts", "4",
        "raw-samples", "256", "confidence", "0.9", "anomaly-detection", "false", "drift-detection", "false",
        "min-feasibility", "0.75");
    GpBatchOptimizer opt = (GpBatchOptimizer) Providers.optimizerProvider("gp-qnei", o).create(TOY.problem(), 5);
    GpBatchOptimizerOptions s = opt.options();
    assertEquals(6, s.nInit());
    assertEquals(2, s.batchSize());
    assertEquals(16, s.mcSamples());
    assertEquals(4, s.search().numRestarts());
    assertEquals(256, s.search().rawSamples());
    assertEquals(0.9, s.anomaly().confidence());
    assertFalse(s.anomalyDetection());
    assertFalse(s.drift().enabled());
    assertEquals(0.75, s.minFeasibilityProbability());
    assertEquals(5, opt.seed());
    // no options: the defaults, as create(problem, seed)
    GpBatchOptimizer plain = (GpBatchOptimizer) new GpBatchOptimizerProvider().create(TOY.problem(), 5, Map.of());
    assertEquals(GpBatchOptimizer.newBuilder(TOY.problem()).seed(5).build().options(), plain.options());
  }

  @Test
  void createWithOptions_safeExploration_setsThresholdAndDesignRangeUnlessThresholdGiven() {
    ConstrainedBatchOptimizer.Provider p = new GpBatchOptimizerProvider();
    GpBatchOptimizerOptions plain = ((GpBatchOptimizer) p.create(TOY.problem(), 1, Map.of())).options();
    assertEquals(0.0, plain.minFeasibilityProbability());
    assertEquals(1.0, plain.designRange());
    GpBatchOptimizerOptions safe = ((GpBatchOptimizer) p.create(TOY.problem(), 1,
        Map.of("safe-exploration", "true"))).options();
    assertEquals(0.95, safe.minFeasibilityProbability());
    assertEquals(0.5, safe.designRange());
    assertEquals(GpBatchOptimizer.newBuilder(TOY.problem()).seed(1).safeExploration().build().options(), safe);
    GpBatchOptimizerOptions both = ((GpBatchOptimizer) p.create(TOY.problem(), 1,
        Map.of("safe-exploration", "true", "min-feasibility", "0.8"))).options();
    assertEquals(0.8, both.minFeasibilityProbability());
    assertEquals(0.5, both.designRange());
    GpBatchOptimizerOptions off = ((GpBatchOptimizer) p.create(TOY.problem(), 1,
        Map.of("safe-exploration", "false"))).options();
    assertEquals(plain, off);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> p.create(TOY.problem(), 1, Map.of("safe-exploration", "yes")));
    assertTrue(e.getMessage().contains("safe-exploration"), e.getMessage());
  }

  @Test
  void withFactory_createsWithTheFactoryAndRestoresFromState() throws java.io.IOException {
    ConstrainedBatchOptimizer.Provider p = GpBatchOptimizerProvider.withFactory((problem, seed) ->
        GpBatchOptimizer.newBuilder(problem).seed(seed).nInit(4).drift(DriftOptions.defaults().withReexplore(1)).build());
    assertEquals("gp-qnei", p.name());
    GpBatchOptimizer opt = (GpBatchOptimizer) p.create(TOY.problem(), 9);
    assertEquals(9, opt.seed());
    assertEquals(4, opt.options().nInit());
    assertEquals(1, opt.options().drift().reexplore());
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    opt.exportState(out);
    GpBatchOptimizer back = (GpBatchOptimizer) p.restore(TOY.problem(),
        new java.io.ByteArrayInputStream(out.toByteArray()));
    assertEquals(opt.options(), back.options());
    assertThrows(IllegalArgumentException.class, () -> GpBatchOptimizerProvider.withFactory(null));
  }

  @Test
  void createWithOptions_unknownKeyOrBadValue_throwsNamingTheKey() {
    ConstrainedBatchOptimizer.Provider p = new GpBatchOptimizerProvider();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> p.create(TOY.problem(), 1, Map.of("n_init", "6")));
    assertEquals("unknown option 'n_init' for 'gp-qnei'; known: [anomaly-detection, batch-size, confidence, "
        + "drift-detection, mc-samples, min-feasibility, n-init, num-restarts, raw-samples, safe-exploration, "
        + "safe-radius, stage-cost-rate, stage-models]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> p.create(TOY.problem(), 1, Map.of("n-init", "0")));
    assertEquals("option 'n-init' of 'gp-qnei': nInit must be > 0, was 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> p.create(TOY.problem(), 1, Map.of("confidence", "x")));
    assertEquals("option 'confidence' of 'gp-qnei' must be a number, was 'x'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> p.create(TOY.problem(), 1, Map.of("raw-samples", "8", "num-restarts", "9")));
    assertEquals("numRestarts must be <= rawSamples (8), was 9", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> p.create(TOY.problem(), 1, Map.of("min-feasibility", "1")));
    assertEquals("option 'min-feasibility' of 'gp-qnei': minFeasibilityProbability must be in [0, 1), was 1.0",
        e.getMessage());
  }
}
