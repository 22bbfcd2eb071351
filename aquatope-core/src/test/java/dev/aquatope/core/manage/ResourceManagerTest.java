package dev.aquatope.core.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.ConfigSpace;
import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.CostModel;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.Knob;
import dev.aquatope.core.model.LinearCostModel;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.OptimizationProblem;
import dev.aquatope.core.model.QosTarget;
import dev.aquatope.core.model.StageObservation;
import dev.aquatope.core.model.Workflow;
import dev.aquatope.core.pool.FakePlatform;
import dev.aquatope.core.spi.ProfileRequest;
import dev.aquatope.core.spi.ProfileResult;
import dev.aquatope.core.spi.StageProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceManagerTest {
  private static final Workflow WF = Workflow.chain("shop", "a", "b");
  private static final ConfigSpace SPACE =
      ConfigSpace.perStage(WF, List.of(Knob.cpu(0.5, 2.0, 0.5), Knob.memory(128, 384, 128))); // 144 points
  private static final double BOUND = 2.05;

  @TempDir
  Path tmp;

  private static FakePlatform platform() {
    return new FakePlatform().stage("a", 1.0, 256).stage("b", 0.8, 128);
  }

  private static ManagedWorkflow managed(double bound, int prewarm) {
    return new ManagedWorkflow(new OptimizationProblem(WF, SPACE, QosTarget.meanBelow(bound)), CostModel.azureLike(),
        new ProfileRequest(5, 1.0, true, "{}"), prewarm);
  }

  private ResourceManager manager(FakePlatform p, RandomSearchOptimizer.Provider provider, Path dir,
      int snapshotEvery, ManagerListener listener) {
    ResourceManager.Builder b = ResourceManager.newBuilder().platform(p).optimizer(provider).journalDirectory(dir)
        .batchSize(3).seed(7).snapshotEvery(snapshotEvery).driftBudget(Budget.evaluations(144));
    if (listener != null) {
      b.listener(listener);
    }
    return b.build();
  }

  private static List<Configuration> grid() {
    List<Configuration> all = new ArrayList<>();
    int[] idx = new int[SPACE.dimension()];
    while (true) {
      all.add(SPACE.fromIndices(idx));
      int k = 0;
      while (k < idx.length && ++idx[k] == SPACE.parameters().get(k).knob().levels()) {
        idx[k] = 0;
        k++;
      }
      if (k == idx.length) {
        return all;
      }
    }
  }

  /** The exhaustive optimum of the fake platform's current cost and latency functions. */
  private static Configuration bruteForce(FakePlatform p, double bound) {
    return grid().stream().filter(c -> p.latency(WF, c) <= bound)
        .min(Comparator.comparingDouble(c -> p.cost(WF, c))).orElseThrow();
  }

  @Test
  void optimize_budgetCoversTheGrid_findsTheExactOptimumAndAppliesIt() throws IOException {
    FakePlatform p = platform();
    try (ResourceManager rm = manager(p, new RandomSearchOptimizer.Provider(), tmp, 1, null)) {
      rm.register(managed(BOUND, 0));
      OptimizationOutcome out = rm.optimize("shop", Budget.evaluations(144));
      Configuration expected = bruteForce(p, BOUND);
      assertNotEquals(SPACE.maxConfiguration(), expected, "the optimum is not the trivial corner");
      assertEquals(expected, out.best().orElseThrow().configuration());
      assertEquals(p.cost(WF, expected), out.best().get().cost(), 1e-15);
      assertEquals(List.of(expected), p.applied);
      assertEquals(Optional.of(expected), out.applied());
      assertEquals(144, p.profiled.size());
      assertEquals(144, new HashSet<>(p.profiled).size(), "no configuration profiled twice");
      assertEquals("evaluation budget spent (144/144)", out.stopReason());
      assertEquals(144, out.profiled());
      // header + campaign + 48 x (suggested + 3 observed + snapshot) + applied
      assertEquals(1 + 1 + 48 * 5 + 1, Files.readAllLines(rm.status("shop").journal()).size());
    }
  }

  @Test
  void optimize_smallBudget_prewarmsProfilesAndAppliesTheBestFeasibleObserved() throws IOException {
    FakePlatform p = platform();
    List<BatchProgress> progress = new ArrayList<>();
    try (ResourceManager rm = manager(p, new RandomSearchOptimizer.Provider(), tmp, 1, null)) {
      rm.register(managed(BOUND, 2));
      OptimizationOutcome out = rm.optimize("shop", Budget.evaluations(10), progress::add);
      assertEquals(Map.of(FunctionId.of("a"), 2, FunctionId.of("b"), 2), p.targetCalls.get(0));
      assertEquals(10, p.profiled.size());
      assertEquals(List.of(3, 6, 9, 10), progress.stream().map(BatchProgress::evaluations).toList());
      Configuration bestSeen = p.profiled.stream().filter(c -> p.latency(WF, c) <= BOUND)
          .min(Comparator.comparingDouble(c -> p.cost(WF, c))).orElseThrow();
      assertEquals(bestSeen, out.best().orElseThrow().configuration());
      assertEquals(List.of(bestSeen), p.applied);
      assertEquals(Optional.of(out.best().get()), progress.get(3).bestFeasible());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 0})
  void register_afterCrashMidBatch_resumesWithoutRepeatingAnEvaluation(int snapshotEvery) throws IOException {
    FakePlatform ref = platform();
    OptimizationOutcome expected;
    try (ResourceManager rm = manager(ref, new RandomSearchOptimizer.Provider(), tmp.resolve("ref"), snapshotEvery,
        null)) {
      rm.register(managed(BOUND, 0));
      expected = rm.optimize("shop", Budget.evaluations(24));
    }

    FakePlatform p = platform();
    p.crashAtProfileCall = 4; // after 3 batches: the 4th batch is suggested and journaled, then the host dies
    Path dir = tmp.resolve("crash");
    ResourceManager first = manager(p, new RandomSearchOptimizer.Provider(), dir, snapshotEvery, null);
    first.register(managed(BOUND, 0));
    assertThrows(IllegalStateException.class, () -> first.optimize("shop", Budget.evaluations(24)));
    first.close();
    assertEquals(9, p.profiled.size());

    p.crashAtProfileCall = -1;
    RandomSearchOptimizer.Provider provider = new RandomSearchOptimizer.Provider();
    try (ResourceManager second = manager(p, provider, dir, snapshotEvery, null)) {
      WorkflowStatus s = second.register(managed(BOUND, 0));
      assertEquals(9, s.campaignEvaluations());
      assertEquals(3, s.unprofiled());
      assertEquals(1, s.campaign());
      assertEquals(snapshotEvery == 1, s.restoredFromSnapshot());
      assertEquals(snapshotEvery == 1 ? 1 : 0, provider.restored.get());
      OptimizationOutcome out = second.optimize("shop", Budget.evaluations(24));
      assertEquals(15, out.profiled());
      assertEquals(24, out.evaluations());
      assertEquals(expected.best(), out.best());
      assertEquals(ref.profiled, p.profiled, "same evaluations in the same order, none repeated");
      assertEquals(24, new HashSet<>(p.profiled).size());
    }
  }

  @Test
  void optimize_again_continuesTheCampaignAcrossARestart() throws IOException {
    FakePlatform ref = platform();
    OptimizationOutcome expected;
    try (ResourceManager rm = manager(ref, new RandomSearchOptimizer.Provider(), tmp.resolve("ref"), 1, null)) {
      rm.register(managed(BOUND, 0));
      expected = rm.optimize("shop", Budget.evaluations(24));
    }
    FakePlatform p = platform();
    try (ResourceManager rm = manager(p, new RandomSearchOptimizer.Provider(), tmp.resolve("x"), 1, null)) {
      rm.register(managed(BOUND, 0));
      assertEquals(9, rm.optimize("shop", Budget.evaluations(9)).evaluations());
    }
    try (ResourceManager rm = manager(p, new RandomSearchOptimizer.Provider(), tmp.resolve("x"), 1, null)) {
      rm.register(managed(BOUND, 0));
      OptimizationOutcome out = rm.optimize("shop", Budget.evaluations(24));
      assertEquals(15, out.profiled());
      assertEquals(expected.best(), out.best());
      assertEquals(ref.profiled, p.profiled);
    }
  }

  @Test
  void register_tornJournalAfterPartialBatch_profilesOnlyTheMissingConfiguration() throws IOException {
    FakePlatform ref = platform();
    OptimizationOutcome expected;
    try (ResourceManager rm = manager(ref, new RandomSearchOptimizer.Provider(), tmp, 1, null)) {
      rm.register(managed(BOUND, 0));
      expected = rm.optimize("shop", Budget.evaluations(12));
    }
    // Simulate a crash while the last batch's results were being journaled: drop everything from
    // its last observation on (that observation, the snapshot record, the applied record) and
    // leave half a line behind.
    Path journal = tmp.resolve("shop.journal.jsonl");
    List<String> lines = Files.readAllLines(journal);
    int lastObserved = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("\"type\":\"observed\"")) {
        lastObserved = i;
      }
    }
    String torn = lines.get(lastObserved).substring(0, 40);
    List<String> kept = new ArrayList<>(lines.subList(0, lastObserved));
    Files.write(journal, (String.join("\n", kept) + "\n" + torn).getBytes(StandardCharsets.UTF_8));

    FakePlatform p = platform();
    try (ResourceManager rm = manager(p, new RandomSearchOptimizer.Provider(), tmp, 1, null)) {
      WorkflowStatus s = rm.register(managed(BOUND, 0));
      assertEquals(11, s.campaignEvaluations());
      assertEquals(1, s.unprofiled());
      OptimizationOutcome out = rm.optimize("shop", Budget.evaluations(12));
      assertEquals(List.of(ref.profiled.get(11)), p.profiled);
      assertEquals(expected.best(), out.best());
    }
    List<JournalRecord> records = Journal.read(journal);
    assertEquals(records.size(), records.get(records.size() - 1).seq());
  }

  @Test
  void observeProduction_drift_reoptimizesAndAppliesTheNewBest() throws IOException {
    FakePlatform p = platform();
    List<Integer> drifts = new ArrayList<>();
    ManagerListener listener = new ManagerListener() {
      @Override
      public void onDrift(String workflow, int campaign) {
        drifts.add(campaign);
      }
    };
    try (ResourceManager rm = manager(p, new RandomSearchOptimizer.Provider(), tmp, 1, listener)) {
      rm.register(managed(BOUND, 0));
      Configuration before = rm.optimize("shop", Budget.evaluations(144)).best().orElseThrow().configuration();
      assertEquals(Optional.empty(), rm.profileApplied("shop"), "unchanged production: no drift");

      p.slowDown("a", 1.5);
      assertTrue(p.latency(WF, before) > BOUND, "the applied configuration now violates the QoS target");
      OptimizationOutcome out = rm.profileApplied("shop").orElseThrow();
      Configuration after = bruteForce(p, BOUND);
      assertNotEquals(before, after);
      assertEquals(2, out.campaign());
      assertEquals(after, out.best().orElseThrow().configuration());
      assertEquals(List.of(before, after), p.applied.stream().distinct().toList());
      assertEquals(List.of(2), drifts);
      assertEquals("search space exhausted", out.stopReason());
      assertEquals(143, out.profiled());
    }
  }

  @Test
  void optimize_wallTimeBudget_stopsWhenTheInjectedClockSaysSo() throws IOException {
    FakePlatform p = platform();
    p.profileTime = Duration.ofMinutes(1);
    try (ResourceManager rm = manager(p, new RandomSearchOptimizer.Provider(), tmp, 1, null)) {
      rm.register(managed(BOUND, 0));
      OptimizationOutcome out = rm.optimize("shop", Budget.wallTime(Duration.ofMinutes(10)));
      assertEquals(12, out.evaluations());
      assertEquals("wall-time budget spent (PT12M >= PT10M)", out.stopReason());
    }
  }

  @Test
  void optimize_nothingFeasible_appliesNothingAndSaysSo() throws IOException {
    FakePlatform p = platform();
    try (ResourceManager rm = manager(p, new RandomSearchOptimizer.Provider(), tmp, 1, null)) {
      rm.register(managed(0.5, 0));
      OptimizationOutcome out = rm.optimize("shop", Budget.evaluations(6));
      assertEquals(Optional.empty(), out.best());
      assertTrue(p.applied.isEmpty());
      assertEquals("evaluation budget spent (6/6); no feasible configuration found", out.stopReason());
    }
  }

  @Test
  void register_journalOfAnotherProblem_isRejected() throws IOException {
    try (ResourceManager rm = manager(platform(), new RandomSearchOptimizer.Provider(), tmp, 1, null)) {
      rm.register(managed(BOUND, 0));
      assertThrows(IllegalStateException.class, () -> rm.register(managed(BOUND, 0)));
    }
    try (ResourceManager rm = manager(platform(), new RandomSearchOptimizer.Provider(), tmp, 1, null)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> rm.register(managed(3.0, 0)));
      assertTrue(e.getMessage().contains("was written for a different problem"), e.getMessage());
    }
  }

  @Test
  void price_linearCostModel_usesTheBilledTotals() {
    Configuration c = SPACE.maxConfiguration();
    ProfileResult r = new ProfileResult(c, new double[] {1, 1, 3, 3}, new double[] {0.5, 0.5, 0.5, 0.5}, 10, 5, 0);
    ManagedWorkflow mw = new ManagedWorkflow(new OptimizationProblem(WF, SPACE, QosTarget.meanBelow(5)),
        new LinearCostModel(3600, 3600), ProfileRequest.warm(4, 1), 0);
    Observation o = ResourceManager.price(mw, r, Instant.EPOCH);
    assertEquals((10 + 5) / 4.0, o.cost()); // vCPU-s at 1 $/s + GB-s at 1 $/s, per success
    assertEquals(2.0, o.latency());
    assertEquals(0.0, o.costVariance().getAsDouble());
  }

  @Test
  void price_perStageCosts_repricedFromEachStagesResources() {
    Configuration c = SPACE.maxConfiguration();
    // the platform billed 0.5 per invocation: stage a 0.3 (ran every time), b 0.2 on average (ran in 2 of 4);
    // a used 8 vCPU-s and 1 GB-s, b 2 vCPU-s and 4 GB-s
    Map<String, StageProfile> stages = new LinkedHashMap<>();
    stages.put("a", new StageProfile(new double[] {0.25, 0.5, 1.5, 2.5}, new double[] {0.3, 0.3, 0.3, 0.3}, 8, 1));
    stages.put("b", new StageProfile(new double[] {0.5, 0.5}, new double[] {0.4, 0.4}, 2, 4));
    ProfileResult r = new ProfileResult(c, new double[] {1, 1, 3, 3}, new double[] {0.3, 0.7, 0.3, 0.7}, 10, 5, 0,
        stages);
    // the manager's prices: 3 $ per vCPU-s, 1 $ per GB-s
    ManagedWorkflow mw = new ManagedWorkflow(new OptimizationProblem(WF, SPACE, QosTarget.meanBelow(5)),
        new LinearCostModel(3 * 3600, 3600), ProfileRequest.warm(4, 1), 0);
    Observation o = ResourceManager.price(mw, r, Instant.EPOCH);
    assertEquals(8.75, o.cost(), 1e-12); // (3 x 10 + 5) / 4 successes
    assertEquals(List.of("a", "b"), List.copyOf(o.stages().keySet()));
    assertEquals(1.1875, o.stages().get("a").latency()); // latencies are not repriced
    assertEquals(0.5, o.stages().get("b").latency());
    // each stage from its own resources: a (3 x 8 + 1) / 4, b (3 x 2 + 4) / 4; scaling the platform's
    // split by 8.75 / 0.5 would have given 5.25 and 3.5
    assertEquals(6.25, o.stages().get("a").cost(), 1e-12);
    assertEquals(2.5, o.stages().get("b").cost(), 1e-12);
    assertEquals(o.cost(), o.stages().values().stream().mapToDouble(StageObservation::cost).sum(), 1e-12);
    assertEquals(0.04 * 17.5 * 17.5 / 3, o.costVariance().getAsDouble(), 1e-9);
  }

  @Test
  void observeProduction_configurationOutsideTheSpace_isRejectedBeforeJournaling() throws IOException {
    try (ResourceManager rm = manager(platform(), new RandomSearchOptimizer.Provider(), tmp, 1, null)) {
      WorkflowStatus s = rm.register(managed(BOUND, 0));
      long lines = Files.readAllLines(s.journal()).size();
      Observation bad = Observation.of(SPACE.maxConfiguration().with("a.cpu", 9.0), 1, 1, Instant.EPOCH);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> rm.observeProduction("shop", List.of(bad)));
      assertEquals("value must be in [0.5, 2.0], was 9.0 for knob 'cpu'", e.getMessage());
      assertEquals(lines, Files.readAllLines(s.journal()).size());
    }
  }

  @Test
  void optimize_withPool_floorsThePoolWhileProfilingOnly() throws IOException {
    FakePlatform p = platform();
    try (dev.aquatope.core.pool.ContainerPoolScheduler pool = dev.aquatope.core.pool.ContainerPoolScheduler
        .newBuilder().platform(p).forecasters(f -> dev.aquatope.core.pool.FakeForecaster.fixed(48, 0, 0))
        .fallbacks(f -> dev.aquatope.core.pool.FakeForecaster.lastValue()).trainingExecutor(Runnable::run)
        .workflow(WF).build();
        ResourceManager rm = ResourceManager.newBuilder().platform(p).optimizer(new RandomSearchOptimizer.Provider())
            .journalDirectory(tmp).pool(pool).build()) {
      rm.register(managed(BOUND, 2));
      List<String> during = new ArrayList<>();
      rm.optimize("shop", Budget.evaluations(3), progress -> during.add(pool.runOnce(p.clock().instant()).get(0).reason()));
      assertEquals(List.of("fallback: history 0 < 48; history 0 < fallback's 1: last window; quantile 0.9; "
          + "minimum requested: 2"), during);
      assertEquals(Map.of(FunctionId.of("a"), 0, FunctionId.of("b"), 0), pool.runOnce(p.clock().instant()).stream()
          .collect(java.util.stream.Collectors.toMap(d -> d.function(), d -> d.target().getAsInt())));
    }
  }

  @Test
  void managedWorkflow_ofDefinition_copiesEveryPart() {
    dev.aquatope.core.workflow.WorkflowDefinition d = dev.aquatope.core.workflow.WorkflowDefinitions.parse(
        "{\"name\":\"shop\",\"chain\":[\"a\",\"b\"],\"qos\":2.05,\"knobs\":{\"cpu\":{\"min\":0.5,\"max\":2,"
            + "\"step\":0.5},\"memory\":{\"min\":128,\"max\":384,\"step\":128}},"
            + "\"profile\":{\"requests\":5,\"warm\":true}}", "shop.json");
    assertEquals(managed(BOUND, 2), ManagedWorkflow.of(d, 2));
  }

  @Test
  void builder_missingSettings_fail() {
    assertEquals("optimizer is required", assertThrows(IllegalStateException.class,
        () -> ResourceManager.newBuilder().platform(platform()).journalDirectory(tmp).build()).getMessage());
    assertThrows(IllegalArgumentException.class, () -> ResourceManager.newBuilder().batchSize(0));
  }
}
