package dev.aquatope.core.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.Edge;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.Stage;
import dev.aquatope.core.model.Workflow;
import dev.aquatope.core.spi.CascadeRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ContainerPoolSchedulerCascadeTest {
  private static final Workflow ML = new Workflow("ml", List.of(Stage.of("pre"), Stage.of("det"), Stage.of("hum"),
      Stage.of("veh")), List.of(Edge.of("pre", "det"), Edge.of("det", "hum"), Edge.of("det", "veh")));
  private static final FunctionId PRE = FunctionId.of("pre");
  private static final FunctionId DET = FunctionId.of("det");
  private static final FunctionId HUM = FunctionId.of("hum");
  private static final FunctionId VEH = FunctionId.of("veh");

  private static FakePlatform scripted() {
    double[] c = new double[120];
    Arrays.fill(c, 5);
    return new FakePlatform().script(PRE, c).script(DET, c).script(HUM, c).script(VEH, c);
  }

  private static ContainerPoolScheduler scheduler(dev.aquatope.core.spi.FaasPlatform platform, CascadeOptions cascade,
      PoolListener listener) {
    return ContainerPoolScheduler.newBuilder().platform(platform)
        .config(PoolSchedulerConfig.defaults().withCascade(cascade))
        .forecasters(f -> FakeForecaster.fixed(48, 10.0, 2.0)).trainingExecutor(Runnable::run).workflow(ML)
        .listener(listener).build();
  }

  private static Instant minute(int m) {
    return FakePlatform.ORIGIN.plus(Duration.ofMinutes(m));
  }

  @Test
  void runOnce_cascadeOn_installsRulesForCoverableEdgesOnlyAndZeroesTheirTargets() {
    FakeCascadePlatform platform = new FakeCascadePlatform(scripted()).function("pre", 1.2, 1.0)
        .function("det", 5.0, 2.5).function("hum", 1.4, 2.0).function("veh", 1.1, 2.0);
    List<CascadePlanner.Plan> plans = new ArrayList<>();
    PoolListener listener = new PoolListener() {
      @Override
      public void onTick(Instant at, List<PoolDecision> decisions, Map<FunctionId, Integer> targets) {}

      @Override
      public void onCascadePlan(Instant at, String workflow, CascadePlanner.Plan plan) {
        plans.add(plan);
      }
    };
    try (ContainerPoolScheduler pool = scheduler(platform, CascadeOptions.on(), listener)) {
      List<PoolDecision> d = pool.runOnce(minute(60));
      List<CascadeRule> expected = List.of(
          new CascadeRule("det", "hum", Duration.ofMillis(4500), 1, Duration.ofSeconds(3)),
          new CascadeRule("det", "veh", Duration.ofMillis(4500), 1, Duration.ofSeconds(3)));
      assertEquals(List.of(expected), platform.ruleCalls);
      // quantile 0.9 of N(10, 2) = 12.56 -> 13 for the stages by minute targets; 0 for the covered ones
      assertEquals(Map.of(PRE, 13, DET, 13, HUM, 0, VEH, 0), platform.base.lastTargets());
      PoolDecision hum = d.stream().filter(x -> x.function().equals(HUM)).findFirst().orElseThrow();
      assertEquals(OptionalInt.of(0), hum.target());
      assertEquals("covered by cascade from det q0.10 5.00 s - margin 0.50 s = lead 4.50 s, cold start 2.00 s;"
          + " minute target 0", hum.reason());
      assertEquals(1, plans.size());
      assertEquals(pool.cascadePlan("ml").orElseThrow(), plans.get(0));

      pool.runOnce(minute(61)); // the plan is complete and fresh: not planned or installed again
      assertEquals(1, platform.ruleCalls.size());
      assertEquals(1, plans.size());
      assertEquals(Map.of(PRE, 13, DET, 13, HUM, 0, VEH, 0), platform.base.lastTargets());
    }
  }

  @Test
  void runOnce_minimumTargetOnACoveredStage_stillApplies() {
    FakeCascadePlatform platform = new FakeCascadePlatform(scripted()).function("pre", 1.2, 1.0)
        .function("det", 5.0, 2.5).function("hum", 1.4, 2.0).function("veh", 1.1, 2.0);
    try (ContainerPoolScheduler pool = scheduler(platform, CascadeOptions.on(), (at, d, t) -> { })) {
      pool.setMinimumTargets(Map.of(HUM, 3));
      pool.runOnce(minute(60));
      assertEquals(Map.of(PRE, 13, DET, 13, HUM, 3, VEH, 0), platform.base.lastTargets());
    }
  }

  @Test
  void runOnce_cascadeOff_installsNothingAndKeepsMinuteTargets() {
    FakeCascadePlatform platform = new FakeCascadePlatform(scripted()).function("pre", 1.2, 1.0)
        .function("det", 5.0, 2.5).function("hum", 1.4, 2.0).function("veh", 1.1, 2.0);
    try (ContainerPoolScheduler pool = scheduler(platform, CascadeOptions.OFF, (at, d, t) -> { })) {
      pool.runOnce(minute(60));
      assertTrue(platform.ruleCalls.isEmpty());
      assertTrue(pool.cascadePlan("ml").isEmpty());
      assertEquals(Map.of(PRE, 13, DET, 13, HUM, 13, VEH, 13), platform.base.lastTargets());
    }
  }

  @Test
  void runOnce_platformWithoutTheCapability_keepsMinuteTargets() {
    FakePlatform platform = scripted();
    try (ContainerPoolScheduler pool = scheduler(platform, CascadeOptions.on(), (at, d, t) -> { })) {
      pool.runOnce(minute(60));
      assertTrue(pool.cascadePlan("ml").isEmpty());
      assertEquals(Map.of(PRE, 13, DET, 13, HUM, 13, VEH, 13), platform.lastTargets());
    }
  }

  @Test
  void runOnce_upstreamNotObservedYet_plansAgainAtTheNextTick() {
    FakeCascadePlatform platform = new FakeCascadePlatform(scripted()).function("pre", 1.2, 1.0)
        .function("hum", 1.4, 2.0).function("veh", 1.1, 2.0);
    platform.coldStarts.put(DET, Duration.ofMillis(2500));
    try (ContainerPoolScheduler pool = scheduler(platform, CascadeOptions.on(), (at, d, t) -> { })) {
      pool.runOnce(minute(60));
      assertEquals(List.of(List.of()), platform.ruleCalls);
      assertEquals(13, platform.base.lastTargets().get(HUM));
      platform.executionTimes.put(DET, Duration.ofSeconds(5));
      pool.runOnce(minute(61));
      assertEquals(2, platform.ruleCalls.size());
      assertEquals(2, platform.ruleCalls.get(1).size());
      assertEquals(0, platform.base.lastTargets().get(HUM));
    }
  }
}
