package dev.aquatope.core.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.Edge;
import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.Stage;
import dev.aquatope.core.model.Workflow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConcurrencyModelTest {
  private static final Workflow WF = new Workflow("w", List.of(Stage.of("a"), Stage.of("b"), Stage.of("c")),
      List.of(Edge.of("a", "b"), new Edge("b", "c", 0.5, 4)));
  private static final FunctionId A = FunctionId.of("a");
  private static final FunctionId B = FunctionId.of("b");

  /** 100 windows of 10 invocations (a needs 1 container 90 times, 2 ten times) and 100 of 40 (b needs 6). */
  private static ConcurrencyModel learned() {
    double[] inv = new double[200];
    double[] a = new double[200];
    double[] b = new double[200];
    for (int i = 0; i < 200; i++) {
      inv[i] = i < 100 ? 10 : 40;
      a[i] = i < 100 ? (i % 10 == 0 ? 2 : 1) : 3;
      b[i] = i < 100 ? 2 : 6;
    }
    return ConcurrencyModel.learn(WF, inv, Map.of(A, a, B, b), 30);
  }

  @Test
  void containers_learnedStage_isTheHistogramOfPeaksInWindowsWithTheSameCount() {
    ConcurrencyModel m = learned();
    CountDistribution a10 = m.containers("a", 10.0);
    assertEquals(0.9, a10.probability(1), 1e-12);
    assertEquals(0.1, a10.probability(2), 1e-12);
    assertEquals(1, a10.quantile(0.9));
    assertEquals(2, a10.quantile(0.95));
    assertEquals(CountDistribution.point(6), m.containers("b", 40.0));
    assertEquals(CountDistribution.point(2), m.containers("b", 12.0), "a count between buckets uses the lower one");
    assertTrue(m.isLearned("a"));
  }

  @Test
  void containers_aboveTheLastBucket_scalesItsPeaksProportionally() {
    // b needs 6 containers at 40 invocations, so 12 at 80
    assertEquals(CountDistribution.point(12), learned().containers("b", 80.0));
  }

  @Test
  void containers_stageWithoutData_usesTheStructuralBound() {
    ConcurrencyModel m = learned();
    assertFalse(m.isLearned("c"));
    // a -> b (1) -> c (0.5 * 4 = 2): 7 invocations need at most 14 containers of c
    assertEquals(CountDistribution.point(14), m.containers("c", 7.0));
    assertEquals(CountDistribution.point(7), ConcurrencyModel.structural(WF).containers("b", 7.0));
  }

  @Test
  void containers_forecastWithSpread_mixesOverItsQuantiles() {
    ConcurrencyModel m = learned();
    // N(40, 10): the 10 quantile points below 40 fall in the bucket of 10 (b needs 2), the 10 above
    // scale the bucket of 40 (6 containers at 40 invocations, at least 7 above it)
    CountDistribution d = m.containers("b", Forecast.normal(40, 10));
    assertEquals(0.5, d.probability(2), 1e-12);
    assertEquals(0.0, d.probability(6), 0.0);
    assertEquals(2, d.quantile(0.5));
    assertEquals(7, d.quantile(0.55));
    assertEquals(8, d.quantile(0.9)); // 5 points need 7, 3 need 8 (up to 51.5 invocations), 2 need 9
    assertEquals(9, d.quantile(0.95));
    assertEquals(m.containers("b", 40.0), m.containers("b", Forecast.point(40)));
  }

  @Test
  void containers_givenLevels_mixesOnlyThoseQuantiles() {
    ConcurrencyModel m = learned();
    // the 0.99-quantile of N(40, 10) is 63.3 invocations: 6 * 63.3 / 40 = 9.5 -> 10 containers of b
    assertEquals(CountDistribution.point(10), m.containers("b", Forecast.normal(40, 10), new double[] {0.99}));
    assertEquals(m.containers("b", Forecast.normal(40, 10)),
        m.containers("b", Forecast.normal(40, 10), ConcurrencyModel.forecastLevels()));
    assertThrows(IllegalArgumentException.class, () -> m.containers("b", Forecast.normal(40, 10), new double[0]));
    assertThrows(IllegalArgumentException.class, () -> m.containers("b", Forecast.normal(40, 10), new double[] {1}));
  }

  @Test
  void learn_invalidInput_throws() {
    assertThrows(IllegalArgumentException.class,
        () -> ConcurrencyModel.learn(WF, new double[] {1, -1}, Map.of(), 30));
    assertThrows(IllegalArgumentException.class,
        () -> ConcurrencyModel.learn(WF, new double[] {1, 2}, Map.of(A, new double[] {1, Double.NaN}), 30));
    assertThrows(IllegalArgumentException.class, () -> ConcurrencyModel.learn(WF, new double[] {1}, Map.of(), 0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> learned().containers("x", 1.0));
    assertEquals("workflow 'w' has no stage 'x'", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> learned().containers("a", -1.0));
  }
}
