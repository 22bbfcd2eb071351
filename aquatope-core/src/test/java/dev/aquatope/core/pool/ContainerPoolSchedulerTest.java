package dev.aquatope.core.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.Edge;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.Stage;
import dev.aquatope.core.model.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ContainerPoolSchedulerTest {
  private static final FunctionId F = FunctionId.of("f");

  private static double[] constant(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  private static Instant minute(int m) {
    return FakePlatform.ORIGIN.plus(Duration.ofMinutes(m));
  }

  @Test
  void runOnce_quantilePolicy_setsCeilOfQuantile() {
    FakePlatform platform = new FakePlatform().script(F, constant(60, 10));
    FakeForecaster main = FakeForecaster.fixed(48, 10.0, 2.0);
    try (ContainerPoolScheduler pool = ContainerPoolScheduler.newBuilder().platform(platform)
        .forecasters(f -> main).fallbacks(f -> FakeForecaster.lastValue()).trainingExecutor(Runnable::run)
        .function(F).build()) {
      List<PoolDecision> d = pool.runOnce(minute(60).plusSeconds(17));
      // q = 0.9: 10 + 2 * 1.2815515655446004 = 12.563... -> 13
      assertEquals(Map.of(F, 13), platform.lastTargets());
      assertEquals(1, d.size());
      assertEquals(minute(60), d.get(0).at());
      assertEquals("fixed", d.get(0).forecaster());
      assertEquals("quantile 0.9", d.get(0).reason());
      assertEquals(OptionalInt.of(13), d.get(0).ownTarget());
      assertEquals(10.0, d.get(0).mean());
      assertEquals(2.0, d.get(0).std());
      assertEquals(1, main.fitCalls.get());
    }
  }

  @Test
  void runOnce_meanPlusZStdPolicy_setsCeilOfMeanPlusZStd() {
    FakePlatform platform = new FakePlatform().script(F, constant(60, 10));
    try (ContainerPoolScheduler pool = ContainerPoolScheduler.newBuilder().platform(platform)
        .config(PoolSchedulerConfig.defaults().withPolicy(new MeanPlusZStdPolicy(1.5)))
        .forecasters(f -> FakeForecaster.fixed(48, 10.0, 2.0)).fallbacks(f -> FakeForecaster.lastValue())
        .trainingExecutor(Runnable::run).function(F).build()) {
      pool.runOnce(minute(60));
      assertEquals(Map.of(F, 13), platform.lastTargets()); // 10 + 1.5 * 2 = 13 exactly, not 14
    }
  }

  @Test
  void runOnce_shortHistory_usesFallbackAndLogsTheReason() {
    double[] h = constant(12, 3);
    h[11] = 7;
    FakePlatform platform = new FakePlatform().script(F, h);
    FakeForecaster main = FakeForecaster.fixed(48, 100.0, 0.0);
    List<PoolDecision> seen = new ArrayList<>();
    try (ContainerPoolScheduler pool = ContainerPoolScheduler.newBuilder().platform(platform)
        .forecasters(f -> main).fallbacks(f -> FakeForecaster.lastValue()).trainingExecutor(Runnable::run)
        .function(F).listener((at, decisions, targets) -> seen.addAll(decisions)).build()) {
      List<PoolDecision> d = pool.runOnce(minute(12));
      assertEquals(Map.of(F, 7), platform.lastTargets());
      assertEquals("last-value", d.get(0).forecaster());
      assertEquals("fallback: history 12 < 48; quantile 0.9", d.get(0).reason());
      assertEquals(d, seen);
      assertEquals(0, main.fitCalls.get(), "never trained on too little history");
      assertEquals(0, main.forecastCalls.get());
    }
  }

  @Test
  void runOnce_noHistoryAtAll_targetsTheLastWindowWhichIsZero() {
    FakePlatform platform = new FakePlatform();
    try (ContainerPoolScheduler pool = ContainerPoolScheduler.newBuilder().platform(platform)
        .forecasters(f -> FakeForecaster.fixed(48, 5, 0)).fallbacks(f -> FakeForecaster.lastValue())
        .trainingExecutor(Runnable::run).function(F).build()) {
      List<PoolDecision> d = pool.runOnce(minute(0));
      assertEquals(Map.of(F, 0), platform.lastTargets());
      assertEquals("fallback: history 0 < 48; history 0 < fallback's 1: last window; quantile 0.9",
          d.get(0).reason());
    }
  }

  @Test
  void runOnce_burstAtEntryStage_raisesDownstreamTargetsInTheSameInterval() {
    Workflow wf = new Workflow("w", List.of(Stage.of("entry"), Stage.of("mid"), Stage.of("exit")),
        List.of(Edge.of("entry", "mid"), Edge.of("mid", "exit")));
    double[] entry = constant(61, 5);
    double[] mid = constant(61, 10); // each entry invocation fans out to 2 (not declared: learned)
    double[] exit = constant(61, 10);
    entry[60] = 50; // the burst, in the window that just ended at minute 61
    FakePlatform platform = new FakePlatform().script(FunctionId.of("entry"), entry)
        .script(FunctionId.of("mid"), mid).script(FunctionId.of("exit"), exit);
    try (ContainerPoolScheduler pool = ContainerPoolScheduler.newBuilder().platform(platform)
        .forecasters(f -> FakeForecaster.movingAverage(48, 10)).fallbacks(f -> FakeForecaster.lastValue())
        .trainingExecutor(Runnable::run).workflow(wf).build()) {
      pool.runOnce(minute(60)); // before the burst; learns the ratios on 60 windows
      DownstreamPredictor p = pool.predictor("w").orElseThrow();
      assertEquals(2.0, p.ratio("entry", "mid"), 1e-12);
      assertEquals(1.0, p.ratio("mid", "exit"), 1e-12);
      assertTrue(p.isLearned("entry", "mid"));
      assertEquals(Map.of(FunctionId.of("entry"), 5, FunctionId.of("mid"), 10, FunctionId.of("exit"), 10),
          platform.lastTargets());

      List<PoolDecision> d = pool.runOnce(minute(61));
      // entry's own forecast only moves to (9 * 5 + 50) / 10 = 9.5 -> 10, but its last window saw 50:
      // mid = 2.0 x 50 = 100, and exit follows mid's new target: 1.0 x 100 = 100.
      assertEquals(Map.of(FunctionId.of("entry"), 10, FunctionId.of("mid"), 100, FunctionId.of("exit"), 100),
          platform.lastTargets());
      PoolDecision midDecision = d.stream().filter(x -> x.function().value().equals("mid")).findFirst().orElseThrow();
      assertEquals(OptionalInt.of(10), midDecision.ownTarget());
      assertEquals(OptionalInt.of(100), midDecision.target());
      assertEquals("downstream of entry: 2.00 x 50.0 = 100.0 (own: quantile 0.9)", midDecision.reason());
    }
  }

  @Test
  void runOnce_workflowWithoutHistory_usesStructuralFanOut() {
    Workflow wf = new Workflow("w", List.of(Stage.of("a"), Stage.of("b")), List.of(new Edge("a", "b", 0.5, 4)));
    FakePlatform platform = new FakePlatform().script(FunctionId.of("a"), 6);
    try (ContainerPoolScheduler pool = ContainerPoolScheduler.newBuilder().platform(platform)
        .forecasters(f -> FakeForecaster.fixed(48, 0, 0)).fallbacks(f -> FakeForecaster.lastValue())
        .trainingExecutor(Runnable::run).workflow(wf).build()) {
      pool.runOnce(minute(1));
      assertEquals(Map.of(FunctionId.of("a"), 6, FunctionId.of("b"), 12), platform.lastTargets()); // 0.5 * 4 * 6
    }
  }

  /** a -> b; odd minutes have 40 invocations (a needs 3 containers, b 6), even ones 10 (1 and 2). */
  private static FakePlatform concurrencyPlatform(int minutes) {
    double[] inv = new double[minutes];
    double[] peakA = new double[minutes];
    double[] peakB = new double[minutes];
    for (int i = 0; i < minutes; i++) {
      boolean busy = i % 2 == 1;
      inv[i] = busy ? 40 : 10;
      peakA[i] = busy ? 3 : 1;
      peakB[i] = busy ? 6 : 2;
    }
    return new FakePlatform().script(FunctionId.of("a"), inv).scriptPeaks(FunctionId.of("a"), peakA)
        .script(FunctionId.of("b"), inv).scriptPeaks(FunctionId.of("b"), peakB);
  }

  private static final PoolSchedulerConfig WORKFLOW_SIZING = PoolSchedulerConfig.defaults()
      .withMeasure(TargetMeasure.INVOCATIONS).withSizing(PoolSizing.WORKFLOW_CONCURRENCY);

  @Test
  void runOnce_workflowConcurrency_sizesEveryStageFromTheEntryForecastOfInvocations() {
    Workflow wf = new Workflow("w", List.of(Stage.of("a"), Stage.of("b")), List.of(Edge.of("a", "b")));
    FakePlatform platform = concurrencyPlatform(120);
    FakeForecaster entry = FakeForecaster.fixed(48, 40, 0);
    FakeForecaster downstream = FakeForecaster.fixed(48, 1000, 0);
    try (ContainerPoolScheduler pool = ContainerPoolScheduler.newBuilder().platform(platform).config(WORKFLOW_SIZING)
        .forecasters(f -> f.value().equals("a") ? entry : downstream).fallbacks(f -> FakeForecaster.lastValue())
        .trainingExecutor(Runnable::run).workflow(wf).build()) {
      List<PoolDecision> d = pool.runOnce(minute(120));
      // 40 invocations forecast: the containers the stages needed in the windows with 40 invocations
      assertEquals(Map.of(FunctionId.of("a"), 3, FunctionId.of("b"), 6), platform.lastTargets());
      assertEquals(0, downstream.fitCalls.get(), "a downstream stage is not forecast, so not trained");
      assertEquals(0, downstream.forecastCalls.get());
      assertEquals(1, entry.fitCalls.get());
      assertTrue(pool.concurrencyModel("w").orElseThrow().isLearned("b"));
      assertEquals("workflow w: quantile 0.9 of b containers (learned) given 40.0 +- 0.0 invocations of a by fixed",
          d.get(1).reason());
      assertEquals(6.0, d.get(1).mean());
      assertEquals(OptionalInt.of(6), d.get(1).ownTarget());
    }
  }

  @Test
  void runOnce_workflowConcurrencyBurstAtEntry_raisesDownstreamTargetsInTheSameInterval() {
    Workflow wf = new Workflow("w", List.of(Stage.of("a"), Stage.of("b")), List.of(Edge.of("a", "b")));
    FakePlatform platform = concurrencyPlatform(121);
    try (ContainerPoolScheduler pool = ContainerPoolScheduler.newBuilder().platform(platform).config(WORKFLOW_SIZING)
        .forecasters(f -> FakeForecaster.lastValue()).fallbacks(f -> FakeForecaster.lastValue())
        .trainingExecutor(Runnable::run).workflow(wf).build()) {
      pool.runOnce(minute(121)); // the last window (120) had 10 invocations
      assertEquals(Map.of(FunctionId.of("a"), 1, FunctionId.of("b"), 2), platform.lastTargets());
      pool.runOnce(minute(120)); // the last window (119) had a burst of 40
      assertEquals(Map.of(FunctionId.of("a"), 3, FunctionId.of("b"), 6), platform.lastTargets());
    }
  }

  @Test
  void runOnce_workflowConcurrencyWithRecalibration_widensAForecastThatMissesTheBursts() {
    Workflow wf = new Workflow("w", List.of(Stage.of("a"), Stage.of("b")), List.of(Edge.of("a", "b")));
    int[] withAndWithout = new int[2];
    for (int recalibrate = 0; recalibrate < 2; recalibrate++) {
      FakePlatform platform = concurrencyPlatform(200);
      // N(10, 10) puts its 0.975-quantile at 29.6 invocations: it never foresees the minutes with 40
      try (ContainerPoolScheduler pool = ContainerPoolScheduler.newBuilder().platform(platform)
          .config(WORKFLOW_SIZING.withRecalibrationWindows(recalibrate * 100))
          .forecasters(f -> FakeForecaster.fixed(48, 10, 10)).fallbacks(f -> FakeForecaster.lastValue())
          .trainingExecutor(Runnable::run).workflow(wf).build()) {
        List<PoolDecision> d = List.of();
        for (int m = 60; m <= 130; m++) {
          d = pool.runOnce(minute(m));
        }
        withAndWithout[recalibrate] = platform.lastTargets().get(FunctionId.of("b"));
        if (recalibrate == 1) {
          assertTrue(d.get(1).reason().endsWith("(levels recalibrated on 70 windows)"), d.get(1).reason());
        }
      }
    }
    // half the windows had 40 invocations (b needs 6 containers): recalibrated, the 0.9-quantile covers them
    assertEquals(2, withAndWithout[0]);
    assertEquals(6, withAndWithout[1]);
  }

  @Test
  void runOnce_nullPolicy_setsNoTargets() {
    FakePlatform platform = new FakePlatform().script(F, constant(60, 10));
    try (ContainerPoolScheduler pool = ContainerPoolScheduler.newBuilder().platform(platform)
        .config(PoolSchedulerConfig.defaults().withPolicy(PrewarmPolicy.NULL))
        .forecasters(f -> FakeForecaster.fixed(48, 10, 2)).fallbacks(f -> FakeForecaster.lastValue())
        .trainingExecutor(Runnable::run).function(F).build()) {
      List<PoolDecision> d = pool.runOnce(minute(60));
      assertTrue(platform.targetCalls.isEmpty());
      assertEquals(OptionalInt.empty(), d.get(0).target());
    }
  }

  @Test
  void setMinimumTargets_raisesTargetsUntilCleared() {
    FakePlatform platform = new FakePlatform().script(F, constant(60, 10));
    try (ContainerPoolScheduler pool = ContainerPoolScheduler.newBuilder().platform(platform)
        .forecasters(f -> FakeForecaster.fixed(48, 10, 0)).fallbacks(f -> FakeForecaster.lastValue())
        .trainingExecutor(Runnable::run).function(F).build()) {
      pool.setMinimumTargets(Map.of(F, 25));
      List<PoolDecision> d = pool.runOnce(minute(60));
      assertEquals(Map.of(F, 25), platform.lastTargets());
      assertEquals("quantile 0.9; minimum requested: 25", d.get(0).reason());
      pool.setMinimumTargets(Map.of(F, 0));
      pool.runOnce(minute(60));
      assertEquals(Map.of(F, 10), platform.lastTargets());
    }
  }

  @Test
  void tick_whileTrainingBlocks_returnsWithTheFallbackThenUsesTheNewModel() throws Exception {
    FakePlatform platform = new FakePlatform().script(F, constant(60, 10));
    CountDownLatch release = new CountDownLatch(1);
    FakeForecaster main = FakeForecaster.fixed(48, 20.0, 0.0).blockFitOn(release);
    ExecutorService training = Executors.newSingleThreadExecutor();
    ExecutorService host = Executors.newSingleThreadExecutor();
    try (ContainerPoolScheduler pool = ContainerPoolScheduler.newBuilder().platform(platform)
        .forecasters(f -> main).fallbacks(f -> FakeForecaster.lastValue()).trainingExecutor(training)
        .function(F).build()) {
      List<PoolDecision> first = pool.runOnce(minute(60)); // submits the training
      assertTrue(main.fitStarted.await(30, TimeUnit.SECONDS), "training started");
      // fit() is now blocked; a tick must still complete (run on another thread so that a
      // regression fails the test instead of hanging it).
      CompletableFuture<List<PoolDecision>> second = CompletableFuture.supplyAsync(() -> pool.runOnce(minute(60)), host);
      List<PoolDecision> during = second.get(30, TimeUnit.SECONDS);
      assertFalse(main.isFitted());
      assertEquals("fallback: fixed not fitted yet; quantile 0.9", first.get(0).reason());
      assertEquals("fallback: fixed not fitted yet; quantile 0.9", during.get(0).reason());
      assertEquals(Map.of(F, 10), platform.lastTargets());
      assertEquals(1, main.fitCalls.get(), "no second training while one runs");

      CompletableFuture<Void> done = pool.retrain(F); // joins the running training
      release.countDown();
      done.get(30, TimeUnit.SECONDS);
      List<PoolDecision> after = pool.runOnce(minute(60));
      assertEquals("quantile 0.9", after.get(0).reason());
      assertEquals(Map.of(F, 20), platform.lastTargets());
      assertEquals(1, main.fitCalls.get());
    } finally {
      release.countDown();
      training.shutdownNow();
      host.shutdownNow();
    }
  }

  @Test
  void runOnce_retrainsOncePerRetrainPeriod() {
    FakePlatform platform = new FakePlatform().script(F, constant(200, 10));
    FakeForecaster main = FakeForecaster.fixed(48, 10, 0);
    try (ContainerPoolScheduler pool = ContainerPoolScheduler.newBuilder().platform(platform)
        .config(PoolSchedulerConfig.defaults().withRetrainPeriod(Duration.ofMinutes(30)))
        .forecasters(f -> main).fallbacks(f -> FakeForecaster.lastValue()).trainingExecutor(Runnable::run)
        .function(F).build()) {
      for (int m = 60; m < 120; m++) {
        pool.runOnce(minute(m));
      }
      assertEquals(2, main.fitCalls.get()); // at minutes 60 and 90
    }
  }

  @Test
  void runOnce_historyUnavailableForOneFunction_keepsItsPreviousTargetAndServesTheOthers() {
    FunctionId g = FunctionId.of("g");
    FakePlatform platform = new FakePlatform().script(F, constant(60, 10)).script(g, constant(60, 4));
    platform.failHistoryFor.add(g);
    try (ContainerPoolScheduler pool = ContainerPoolScheduler.newBuilder().platform(platform)
        .forecasters(f -> FakeForecaster.fixed(48, 10, 0)).fallbacks(f -> FakeForecaster.lastValue())
        .trainingExecutor(Runnable::run).function(F).function(g).build()) {
      List<PoolDecision> d = pool.runOnce(minute(60));
      assertEquals(Map.of(F, 10), platform.lastTargets());
      assertEquals("no forecast: java.lang.IllegalStateException: history of g unavailable", d.get(1).reason());
      assertEquals(OptionalInt.empty(), d.get(1).target());
    }
  }

  @Test
  void scheduleOn_callsTickEveryInterval() throws Exception {
    FakePlatform platform = new FakePlatform().script(F, constant(60, 10));
    platform.fakeClock().set(minute(60)); // tick() reads the platform's clock
    CountDownLatch ticks = new CountDownLatch(3);
    java.util.concurrent.ScheduledExecutorService ses = Executors.newSingleThreadScheduledExecutor();
    try (ContainerPoolScheduler pool = ContainerPoolScheduler.newBuilder().platform(platform)
        .config(PoolSchedulerConfig.defaults().withInterval(Duration.ofMillis(5)))
        .forecasters(f -> FakeForecaster.fixed(48, 10, 0)).fallbacks(f -> FakeForecaster.lastValue())
        .trainingExecutor(Runnable::run).function(F).listener((at, d, t) -> ticks.countDown()).build()) {
      java.util.concurrent.ScheduledFuture<?> task = pool.scheduleOn(ses);
      assertTrue(ticks.await(30, TimeUnit.SECONDS), "three ticks ran");
      task.cancel(false);
      assertEquals(Map.of(F, 10), platform.targetCalls.get(0));
    } finally {
      ses.shutdownNow();
    }
  }

  @Test
  void build_withoutFallbacks_usesTheConfiguredProviderByName() {
    FakePlatform platform = new FakePlatform().script(F, constant(5, 4));
    try (ContainerPoolScheduler pool = ContainerPoolScheduler.newBuilder().platform(platform)
        .forecasters(f -> FakeForecaster.fixed(48, 0, 0)).trainingExecutor(Runnable::run).function(F).build()) {
      PoolDecision d = pool.runOnce(minute(5)).get(0);
      assertEquals("keep-alive", d.forecaster()); // found through ServiceLoader
      assertTrue(d.reason().startsWith("fallback: history 5 < 48; "), d.reason());
    }
  }

  @Test
  void builder_missingOrRepeatedSettings_fail() {
    assertThrows(IllegalStateException.class, () -> ContainerPoolScheduler.newBuilder().build());
    ContainerPoolScheduler.Builder b = ContainerPoolScheduler.newBuilder().platform(new FakePlatform());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.platform(new FakePlatform()));
    assertEquals("platform was already set", e.getMessage());
    assertEquals("forecasters are required", assertThrows(IllegalStateException.class, b::build).getMessage());
  }
}
