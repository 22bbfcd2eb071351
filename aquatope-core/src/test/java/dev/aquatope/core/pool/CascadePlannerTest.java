package dev.aquatope.core.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.Edge;
import dev.aquatope.core.model.Stage;
import dev.aquatope.core.model.Workflow;
import dev.aquatope.core.spi.CascadeRule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CascadePlannerTest {
  /** pre (1.2 s) -> det (5 s) -> {hum, veh}: the ml-pipeline shape. */
  private static final Workflow ML = new Workflow("ml", List.of(Stage.of("pre"), Stage.of("det"), Stage.of("hum"),
      Stage.of("veh")), List.of(Edge.of("pre", "det"), Edge.of("det", "hum"), Edge.of("det", "veh")));

  private static FakeCascadePlatform mlTimes() {
    return new FakeCascadePlatform(new FakePlatform()).function("pre", 1.2, 1.0).function("det", 5.0, 2.5)
        .function("hum", 1.4, 2.0).function("veh", 1.1, 2.0);
  }

  @Test
  void plan_mlPipelineShape_coversOnlyTheStagesWhoseUpstreamOutlastsTheirColdStart() {
    CascadePlanner.Plan plan = CascadePlanner.plan(ML, mlTimes(), CascadeOptions.on());
    // det: 1.2 - 0.5 = 0.7 s lead < 2.5 s cold start; hum, veh: 5.0 - 0.5 = 4.5 s >= 2.0 s
    assertEquals(List.of(new CascadeRule("det", "hum", Duration.ofMillis(4500), 1, Duration.ofSeconds(3)),
        new CascadeRule("det", "veh", Duration.ofMillis(4500), 1, Duration.ofSeconds(3))), plan.rules());
    assertEquals(List.of("det"), List.copyOf(plan.notCovered().keySet()));
    assertEquals("pre q0.10 1.20 s - margin 0.50 s = lead 0.70 s, cold start 2.50 s", plan.notCovered().get("det"));
    assertTrue(plan.complete());
  }

  @Test
  void plan_leadExactlyTheColdStart_covers() {
    FakeCascadePlatform p = mlTimes().function("det", 2.5, 2.5);
    CascadePlanner.Plan plan = CascadePlanner.plan(ML, p, CascadeOptions.on());
    assertEquals(2, plan.rules().size());
    assertEquals(Duration.ofMillis(2000), plan.rules().get(0).lead());
    FakeCascadePlatform q = mlTimes().function("det", 2.49, 2.5);
    assertTrue(CascadePlanner.plan(ML, q, CascadeOptions.on()).rules().isEmpty());
  }

  @Test
  void plan_branchJoinAndMultiplicity_areNotCovered() {
    Workflow wf = new Workflow("w", List.of(Stage.of("a"), Stage.of("b"), Stage.of("c"), Stage.of("d"),
        Stage.of("e")), List.of(new Edge("a", "b", 0.4, 1), new Edge("a", "c", 1.0, 3), Edge.of("c", "d"),
        Edge.of("b", "e"), Edge.of("d", "e")));
    FakeCascadePlatform p = new FakeCascadePlatform(new FakePlatform());
    for (String s : List.of("a", "b", "c", "d", "e")) {
      p.function(s, 10, 1);
    }
    CascadePlanner.Plan plan = CascadePlanner.plan(wf, p, CascadeOptions.on());
    // c is covered with the edge's multiplicity; d is not (c runs as 3 executions), b is a branch, e a join
    assertEquals(List.of(new CascadeRule("a", "c", Duration.ofMillis(9500), 3, Duration.ofSeconds(3))), plan.rules());
    assertEquals("taken with probability 0.40", plan.notCovered().get("b"));
    assertEquals("c runs as several executions", plan.notCovered().get("d"));
    assertEquals("2 upstream stages", plan.notCovered().get("e"));
  }

  @Test
  void plan_upstreamNeverRan_isIncompleteAndCoversNothing() {
    FakeCascadePlatform p = mlTimes();
    p.executionTimes.remove(dev.aquatope.core.model.FunctionId.of("det"));
    CascadePlanner.Plan plan = CascadePlanner.plan(ML, p, CascadeOptions.on());
    assertFalse(plan.complete());
    assertTrue(plan.rules().isEmpty());
    assertEquals("no execution of det observed yet", plan.notCovered().get("hum"));
  }

  @Test
  void cascadeOptions_invalidFields_throwNamingTheParameter() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CascadeOptions(true, 1.0, Duration.ZERO, Duration.ofSeconds(1)));
    assertTrue(e.getMessage().contains("leadQuantile"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new CascadeOptions(true, 0.1, Duration.ofMillis(-1), Duration.ofSeconds(1)));
    assertTrue(e.getMessage().contains("margin"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new CascadeOptions(true, 0.1, Duration.ZERO, Duration.ZERO));
    assertTrue(e.getMessage().contains("keepAlive"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new CascadeRule("a", "a", Duration.ofSeconds(1), 1, Duration.ofSeconds(1)));
    assertTrue(e.getMessage().contains("downstream"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new CascadeRule("a", "b", Duration.ZERO, 1, Duration.ofSeconds(1)));
    assertTrue(e.getMessage().contains("lead"), e.getMessage());
  }
}
