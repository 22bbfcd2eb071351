package dev.aquatope.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.LatencyStatistic;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.ObservationFlag;
import dev.aquatope.core.model.QosTarget;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileResultTest {
  private static final Configuration C = new Configuration(Map.of("a.cpu", 1.0));

  @Test
  void toObservation_summarizesWithStatisticAndStandardErrors() {
    ProfileResult r = new ProfileResult(C, new double[] {1, 2, 3, 4}, new double[] {0.1, 0.1, 0.3, 0.3}, 4, 2, 0);
    Observation o = r.toObservation(new QosTarget(3, LatencyStatistic.P50), Instant.EPOCH);
    assertEquals(2.5, o.latency(), 1e-12);
    assertEquals(0.2, o.cost(), 1e-12);
    // sample variance of {1,2,3,4} is 5/3; squared standard error = 5/3/4
    assertEquals(5.0 / 12, o.latencyVariance().getAsDouble(), 1e-12);
    assertTrue(o.flags().isEmpty());
  }

  @Test
  void toObservation_failuresAreFlagged() {
    ProfileResult r = new ProfileResult(C, new double[0], new double[0], 0, 0, 3);
    Observation o = r.toObservation(QosTarget.meanBelow(2), Instant.EPOCH);
    assertEquals(java.util.Set.of(ObservationFlag.FAILED), o.flags());
    assertEquals(4.0, o.latency(), 0.0);
    assertTrue(o.note().contains("3 of 3"), o.note());
  }

  @Test
  void constructor_rejectsMismatchedOrEmpty() {
    assertThrows(IllegalArgumentException.class, () -> new ProfileResult(C, new double[] {1}, new double[0], 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new ProfileResult(C, new double[0], new double[0], 0, 0, 0));
  }

  @Test
  void toObservation_perStage_statisticCostPerInvocationAndRunFraction() {
    // stage b ran in 2 of the 4 successful invocations
    StageProfile a = new StageProfile(new double[] {0.5, 1, 1.5, 2}, new double[] {0.05, 0.05, 0.15, 0.15}, 2, 1);
    StageProfile b = new StageProfile(new double[] {0.5, 1}, new double[] {0.05, 0.15}, 1, 1);
    ProfileResult r = new ProfileResult(C, new double[] {1, 2, 3, 4}, new double[] {0.1, 0.1, 0.3, 0.3}, 4, 2, 0,
        Map.of("a", a, "b", b));
    Observation o = r.toObservation(new QosTarget(3, LatencyStatistic.P50), Instant.EPOCH);
    assertEquals(1.25, o.stages().get("a").latency(), 1e-12);
    assertEquals(0.1, o.stages().get("a").cost(), 1e-12);
    assertEquals(1.0, o.stages().get("a").runFraction());
    assertEquals(0.75, o.stages().get("b").latency(), 1e-12);
    assertEquals(0.05, o.stages().get("b").cost(), 1e-12);
    assertEquals(0.5, o.stages().get("b").runFraction());
  }

  @Test
  void stageProfile_invalid_throwsNamingTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new StageProfile(new double[] {1}, new double[0], 0, 0));
    assertEquals("latencies and costs must have the same length, were 1 and 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new StageProfile(new double[] {1, Double.NaN}, new double[] {0, 0}, 0, 0));
    assertTrue(e.getMessage().startsWith("latencies[1]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new StageProfile(new double[0], new double[0], -1, 0));
    assertTrue(e.getMessage().startsWith("vcpuSeconds"), e.getMessage());
    // more entries than successful invocations
    StageProfile three = new StageProfile(new double[] {1, 1, 1}, new double[] {0, 0, 0}, 0, 0);
    e = assertThrows(IllegalArgumentException.class, () -> new ProfileResult(C, new double[] {1, 1},
        new double[] {0, 0}, 0, 0, 0, Map.of("s", three)));
    assertEquals("stages[s] has 3 entries, more than the 2 successful invocations", e.getMessage());
  }

  @Test
  void windowStats_startsMustAddUp() {
    assertThrows(IllegalArgumentException.class, () -> new WindowStats(3, 1, 1, 0, 1, 0, 0));
    FunctionHistory h = new FunctionHistory(dev.aquatope.core.model.FunctionId.of("f"), Instant.EPOCH,
        java.time.Duration.ofMinutes(1), List.of(new WindowStats(3, 1, 1, 1, 2, 60, 60 * 256), WindowStats.EMPTY));
    assertEquals(3, h.totalInvocations());
    assertEquals(1, h.totalColdStarts());
    assertEquals(2.0, h.containersNeeded(dev.aquatope.core.model.TriggerType.HTTP).count(0), 0.0);
  }

  @Test
  void providers_unknownName_listsAvailable() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Providers.optimizerProvider("nope"));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }
}
