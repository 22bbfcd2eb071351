package dev.aquatope.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.ObservationFlag;
import dev.aquatope.core.model.StageObservation;
import dev.aquatope.core.spi.ConstrainedBatchOptimizer;
import dev.aquatope.core.spi.Providers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GpBatchOptimizerTest {
  static final double BOUND = 3.0;

  /** Runs the ask/tell loop: nInit design points, then {@code batches} batches of 3. */
  static void run(ConstrainedBatchOptimizer opt, ToyProblem toy, int nInit, int batches, SplittableRandom rng,
      double noiseCv, double outliers) {
    opt.observe(toy.evaluateAll(opt.suggest(nInit), rng, noiseCv, outliers));
    for (int b = 0; b < batches; b++) {
      opt.observe(toy.evaluateAll(opt.suggest(3), rng, noiseCv, outliers));
    }
  }

  @Test
  void builder_restartsAboveRawSamples_throwsOnBuild() {
    var b = GpBatchOptimizer.newBuilder(new ToyProblem(BOUND).problem()).rawSamples(8).numRestarts(9);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
    assertEquals("numRestarts must be <= rawSamples (8), was 9", e.getMessage());
  }

  @Test
  void builder_settingTwice_throwsIllegalState() {
    var b = GpBatchOptimizer.newBuilder(new ToyProblem(BOUND).problem()).seed(1);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.seed(2));
    assertEquals("seed was already set", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> b.mcSamples(0));
  }

  @Test
  void builder_defaults_matchPrototypeCommandLine() {
    GpBatchOptimizerOptions o = GpBatchOptimizer.newBuilder(new ToyProblem(BOUND).problem()).build().options();
    assertEquals(10, o.nInit());
    assertEquals(3, o.batchSize());
    assertEquals(32, o.mcSamples());
    assertEquals(10, o.search().numRestarts());
    assertEquals(1024, o.search().rawSamples());
    assertTrue(o.anomalyDetection());
    assertEquals(0.95, o.anomaly().confidence());
  }

  @Test
  void providers_findGpQneiAndBaselines() {
    assertTrue(Providers.optimizerNames().containsAll(List.of("gp-qnei", "random", "clite")));
    assertTrue(Providers.optimizer("gp-qnei", new ToyProblem(BOUND).problem(), 3) instanceof GpBatchOptimizer);
  }

  @Test
  void suggest_initialDesign_isDistinctGridPoints() {
    ToyProblem toy = new ToyProblem(BOUND);
    GpBatchOptimizer opt = GpBatchOptimizer.newBuilder(toy.problem()).seed(5).build();
    List<Configuration> design = opt.suggest(10);
    assertEquals(10, design.size());
    assertEquals(10, new HashSet<>(design).size());
    for (Configuration c : design) {
      assertEquals(c, toy.problem().space().decode(toy.problem().space().encode(c)));
    }
    assertEquals(design, opt.pending());
    // A second call continues the design without repeating pending points.
    List<Configuration> more = opt.suggest(3);
    Set<Configuration> all = new HashSet<>(design);
    all.addAll(more);
    assertEquals(13, all.size());
  }

  @Test
  void observe_offGridConfiguration_throws() {
    ToyProblem toy = new ToyProblem(BOUND);
    GpBatchOptimizer opt = GpBatchOptimizer.newBuilder(toy.problem()).build();
    Configuration c = opt.suggest(1).get(0).with("a.cpu", 1.3);
    SplittableRandom rng = new SplittableRandom(1);
    Observation o = toy.evaluate(c.with("a.cpu", 1.25), rng, 0, 0);
    Observation off = new Observation(c, o.cost(), o.latency(), o.costVariance(), o.latencyVariance(), o.timestamp(),
        o.flags(), o.note());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.observe(List.of(off)));
    assertTrue(e.getMessage().startsWith("configuration is not on the grid: a.cpu=1.3"), e.getMessage());
  }

  @Test
  void suggest_afterObservations_returnsDistinctUnobservedPoints_andFailedNeverBest() {
    ToyProblem toy = new ToyProblem(BOUND);
    GpBatchOptimizer opt = GpBatchOptimizer.newBuilder(toy.problem()).seed(11).rawSamples(256).build();
    SplittableRandom rng = new SplittableRandom(3);
    run(opt, toy, 10, 4, rng, 0.02, 0);
    Set<Configuration> observed = new HashSet<>();
    for (Observation o : opt.observations()) {
      observed.add(o.configuration());
    }
    assertEquals(22, observed.size());
    List<Configuration> next = opt.suggest(3);
    assertEquals(3, new HashSet<>(next).size());
    for (Configuration c : next) {
      assertFalse(observed.contains(c));
    }
    Observation best = opt.bestFeasible().orElseThrow();
    assertFalse(best.flags().contains(ObservationFlag.FAILED));
    assertTrue(best.latency() <= BOUND);
    assertTrue(Double.isFinite(opt.lastAcquisitionValue()));
  }

  @Test
  void exportState_restored_suggestsSameBatchAndHasSameObservations() throws IOException {
    ToyProblem toy = new ToyProblem(BOUND);
    GpBatchOptimizer opt = GpBatchOptimizer.newBuilder(toy.problem()).seed(21).rawSamples(256).build();
    SplittableRandom rng = new SplittableRandom(4);
    run(opt, toy, 10, 2, rng, 0.02, 0.1);
    List<Configuration> inFlight = opt.suggest(2);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    opt.exportState(out);
    ConstrainedBatchOptimizer restored = Providers.optimizerProvider("gp-qnei")
        .restore(toy.problem(), new ByteArrayInputStream(out.toByteArray()));
    assertEquals(opt.observations(), restored.observations());
    assertEquals(inFlight, ((GpBatchOptimizer) restored).pending());
    List<Configuration> a = opt.suggest(3);
    List<Configuration> b = restored.suggest(3);
    assertEquals(a, b);
    // And they keep agreeing after more observations.
    List<Observation> evals = toy.evaluateAll(a, new SplittableRandom(9), 0.02, 0);
    opt.observe(evals);
    restored.observe(evals);
    assertEquals(opt.suggest(3), restored.suggest(3));
    assertEquals(opt.observations(), restored.observations());
  }

  /** The observations with per-stage measurements (a third of the latency and cost in stage b) unless failed. */
  private static List<Observation> withStages(List<Observation> observations) {
    return observations.stream().map(o -> {
      if (o.flags().contains(ObservationFlag.FAILED)) {
        return o;
      }
      Map<String, StageObservation> stages = new LinkedHashMap<>();
      stages.put("a", new StageObservation(o.latency() * 2 / 3, o.cost() - o.cost() / 3));
      stages.put("b", new StageObservation(o.latency() / 3, o.cost() / 3));
      return o.withStages(stages);
    }).toList();
  }

  @Test
  void exportState_observationsWithStages_restoredEqual() throws IOException {
    ToyProblem toy = new ToyProblem(BOUND);
    for (boolean costRate : new boolean[] {false, true}) {
      GpBatchOptimizer opt = GpBatchOptimizer.newBuilder(toy.problem()).seed(23).rawSamples(256)
          .stageCostRate(costRate).build();
      SplittableRandom rng = new SplittableRandom(5);
      opt.observe(withStages(toy.evaluateAll(opt.suggest(10), rng, 0.02, 0)));
      opt.observe(withStages(toy.evaluateAll(opt.suggest(3), rng, 0.02, 0)));
      opt.suggest(3);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      opt.exportState(out);
      com.fasterxml.jackson.databind.JsonNode saved = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(out.toByteArray()).get("stageModels");
      assertEquals(costRate, saved.get(0).get("costRate").asBoolean(), saved.toString());
      GpBatchOptimizer restored = GpBatchOptimizer.restore(toy.problem(), new ByteArrayInputStream(out.toByteArray()));
      assertEquals(opt.observations(), restored.observations());
      long staged = restored.observations().stream().filter(o -> o.stages().keySet().equals(Set.of("a", "b"))).count();
      assertTrue(staged >= 10, staged + " of 13 restored observations have both stages");
      assertEquals(opt.suggest(3), restored.suggest(3));
    }
  }

  @Test
  void suggest_observationsWithStages_fitsPerStageModelsUnlessSwitchedOff() throws IOException {
    ToyProblem toy = new ToyProblem(BOUND);
    for (boolean enabled : new boolean[] {true, false}) {
      GpBatchOptimizer opt = GpBatchOptimizer.newBuilder(toy.problem()).seed(23).rawSamples(256).stageModels(enabled)
          .build();
      SplittableRandom rng = new SplittableRandom(5);
      opt.observe(withStages(toy.evaluateAll(opt.suggest(10), rng, 0.02, 0)));
      opt.suggest(3);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      opt.exportState(out);
      com.fasterxml.jackson.databind.JsonNode state = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(out.toByteArray());
      com.fasterxml.jackson.databind.JsonNode stages = state.get("stageModels");
      if (enabled) {
        assertEquals(2, stages.size());
        assertEquals("a", stages.get(0).get("stage").asText());
        assertEquals("b", stages.get(1).get("stage").asText());
        // each stage model is a GP over the stage's own knobs
        int aKnobs = (int) toy.problem().space().parameters().stream().filter(p -> p.stage().equals("a")).count();
        assertEquals(aKnobs, stages.get(0).get("latency").get("lengthscales").size());
        assertEquals(aKnobs, stages.get(0).get("cost").get("lengthscales").size());
        assertTrue(state.get("stageIndices").size() >= 10, state.get("stageIndices").toString());
      } else {
        assertTrue(stages == null || stages.isNull(), String.valueOf(stages));
      }
    }
  }

  @Test
  void restore_wrongProblem_throwsIOException() throws IOException {
    ToyProblem toy = new ToyProblem(BOUND);
    GpBatchOptimizer opt = GpBatchOptimizer.newBuilder(toy.problem()).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    opt.exportState(out);
    IOException e = assertThrows(IOException.class, () -> Providers.optimizerProvider("random")
        .restore(toy.problem(), new ByteArrayInputStream(out.toByteArray())));
    assertTrue(e.getMessage().contains("gp-qnei"), e.getMessage());
  }

  @Test
  void endToEnd_toyProblem_reachesWithin5PercentOfOracle() {
    ToyProblem toy = new ToyProblem(BOUND);
    double oracle = toy.oracleCost();
    GpBatchOptimizer opt = GpBatchOptimizer.newBuilder(toy.problem()).seed(7).build();
    run(opt, toy, 10, 20, new SplittableRandom(17), 0.02, 0);
    Observation best = opt.bestFeasible().orElseThrow();
    double[] exact = toy.evaluateExact(best.configuration());
    assertTrue(exact[1] <= 1.05 * oracle, "cost " + exact[1] + " vs oracle " + oracle + " at " + best.configuration());
    assertTrue(exact[0] <= BOUND * 1.02, "noise-free latency " + exact[0]);
  }

  @Test
  void endToEnd_grossOutliers_filterFlagsThemAndStaysWithin5Percent() {
    ToyProblem toy = new ToyProblem(BOUND);
    double oracle = toy.oracleCost();
    GpBatchOptimizer opt = GpBatchOptimizer.newBuilder(toy.problem()).seed(8).build();
    run(opt, toy, 10, 20, new SplittableRandom(18), 0.02, 0.1);
    long outliers = opt.observations().stream().filter(o -> o.flags().contains(ObservationFlag.OUTLIER)).count();
    assertTrue(outliers >= 1, "flagged " + outliers);
    assertTrue(opt.observations().stream().filter(o -> o.flags().contains(ObservationFlag.OUTLIER))
        .allMatch(o -> o.note().contains("leave-one-out z=")));
    Observation best = opt.bestFeasible().orElseThrow();
    double[] exact = toy.evaluateExact(best.configuration());
    assertTrue(exact[0] <= BOUND, "noise-free latency " + exact[0]);
    assertTrue(exact[1] <= 1.05 * oracle, "cost " + exact[1] + " vs oracle " + oracle);
  }

  @Test
  void observe_batchOfSurprises_countsAtMostBatchSurprisesAndStillDetectsARealChange() throws IOException {
    for (int cap : new int[] {0, 2}) {
      ToyProblem toy = new ToyProblem(BOUND);
      GpBatchOptimizer opt = GpBatchOptimizer.newBuilder(toy.problem()).seed(9).rawSamples(256).designRange(1)
          .drift(DriftOptions.defaults().withBatchSurprises(cap)).build();
      SplittableRandom rng = new SplittableRandom(5);
      run(opt, toy, 10, 4, rng, 0.01, 0);
      toy.setLatencyScale(3.0);
      opt.observe(toy.evaluateAll(opt.suggest(3), rng, 0.01, 0));
      assertFalse(opt.driftDetected());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      opt.exportState(out);
      com.fasterxml.jackson.databind.JsonNode window = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(out.toByteArray()).get("recentSurprises");
      int n = window.size();
      String tail = window.get(n - 3).asBoolean() + " " + window.get(n - 2).asBoolean() + " "
          + window.get(n - 1).asBoolean();
      // all three points of the batch are 3x slower than predicted; with the cap only two count
      assertEquals(cap == 0 ? "true true true" : "true true false", tail, "cap " + cap);
      opt.observe(toy.evaluateAll(opt.suggest(3), rng, 0.01, 0));
      assertTrue(opt.driftDetected(), "a real change is still declared after the next batch (cap " + cap + ")");
    }
  }

  @Test
  void observe_latencyTriples_detectsDriftAndFlagsOldObservationsStale() {
    ToyProblem toy = new ToyProblem(BOUND);
    // The design over the whole space (designRange 1): with the default generous design and 1% noise, the first
    // model-based points in the unexplored cheap region surprise the detector and it raises a false alarm before
    // the change (see the README's safe-exploration notes).
    GpBatchOptimizer opt = GpBatchOptimizer.newBuilder(toy.problem()).seed(9).rawSamples(256).designRange(1).build();
    SplittableRandom rng = new SplittableRandom(5);
    run(opt, toy, 10, 4, rng, 0.01, 0);
    assertFalse(opt.driftDetected());
    toy.setLatencyScale(3.0);
    for (int b = 0; b < 4 && !opt.driftDetected(); b++) {
      opt.observe(toy.evaluateAll(opt.suggest(3), rng, 0.01, 0));
    }
    assertTrue(opt.driftDetected());
    List<Observation> obs = opt.observations();
    int lookback = opt.options().drift().lookback();
    int surprises = opt.options().drift().surprises();
    long stale = obs.stream().filter(o -> o.flags().contains(ObservationFlag.STALE)).count();
    // The change point is the first surprise of the lookback window, so at least `surprises` observations are kept
    // (detection may happen mid-batch: the rest of that batch arrives after the cut); here it is exactly the
    // first observation after the change (10 + 4 * 3 = 22 came before it).
    assertTrue(stale >= obs.size() - lookback - 2 && stale <= obs.size() - surprises, "stale " + stale);
    assertEquals(22, stale, "stale observations");
    for (int i = 0; i < obs.size(); i++) {
      assertEquals(i < stale, obs.get(i).flags().contains(ObservationFlag.STALE), "observation " + i);
    }
    assertTrue(obs.get(0).note().contains("stale: drift #1"), obs.get(0).note());
    // It keeps going on the window, starting with fresh exploration points.
    assertEquals(3, new HashSet<>(opt.suggest(3)).size());
  }
}
