package dev.aquatope.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Observation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class GpBatchOptimizerProperties {
  private static GpBatchOptimizer small(ToyProblem toy, long seed) {
    return GpBatchOptimizer.newBuilder(toy.problem()).seed(seed).nInit(6).rawSamples(128).numRestarts(4).build();
  }

  @Property(tries = 4)
  void suggest_returnsDistinctUnobservedUnpendingGridPoints(@ForAll @LongRange(min = 0, max = 1000) long seed,
      @ForAll @IntRange(min = 1, max = 4) int q) {
    ToyProblem toy = new ToyProblem(3.0);
    GpBatchOptimizer opt = small(toy, seed);
    SplittableRandom rng = new SplittableRandom(seed);
    opt.observe(toy.evaluateAll(opt.suggest(6), rng, 0.05, 0.1));
    List<Configuration> inFlight = opt.suggest(q);
    List<Configuration> next = opt.suggest(q);
    assertEquals(q, new HashSet<>(next).size());
    Set<Configuration> observed = new HashSet<>();
    for (Observation o : opt.observations()) {
      observed.add(o.configuration());
    }
    for (Configuration c : next) {
      assertFalse(observed.contains(c));
      assertFalse(inFlight.contains(c));
      assertEquals(c, toy.problem().space().decode(toy.problem().space().encode(c)));
    }
  }

  @Property(tries = 3)
  void exportImport_roundTrips_andRestoredSuggestsSameBatch(@ForAll @LongRange(min = 0, max = 1000) long seed) throws Exception {
    ToyProblem toy = new ToyProblem(3.0);
    GpBatchOptimizer opt = small(toy, seed);
    SplittableRandom rng = new SplittableRandom(seed + 1);
    opt.observe(toy.evaluateAll(opt.suggest(6), rng, 0.05, 0.1));
    opt.observe(toy.evaluateAll(opt.suggest(3), rng, 0.05, 0.1));
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    opt.exportState(first);
    GpBatchOptimizer back = GpBatchOptimizer.restore(toy.problem(), new ByteArrayInputStream(first.toByteArray()));
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    back.exportState(second);
    assertEquals(first.toString(java.nio.charset.StandardCharsets.UTF_8),
        second.toString(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(opt.suggest(3), back.suggest(3));
  }
}
