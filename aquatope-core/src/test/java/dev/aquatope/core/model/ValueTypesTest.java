package dev.aquatope.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

  @Test
  void linearCostModel_azureLike_pricesVcpuAndGbSeconds() {
    // 1 vCPU and 1024 MB for one hour: 0.173 + 0.0123 dollars.
    assertEquals(0.1853, CostModel.azureLike().cost(1, 1024, 3600), 1e-12);
    assertEquals(0.173 * 2 * 0.5 / 3600 + 0.0123 * 0.5 * 0.5 / 3600,
        CostModel.azureLike().cost(2, 512, 0.5), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> CostModel.azureLike().cost(-1, 512, 1));
  }

  @Test
  void latencyStatistic_quantilesInterpolateLinearly() {
    double[] s = {4, 1, 3, 2, 5};
    assertEquals(3.0, LatencyStatistic.MEAN.of(s), 0.0);
    assertEquals(3.0, LatencyStatistic.P50.of(s), 0.0);
    assertEquals(4.8, LatencyStatistic.P95.of(s), 1e-12);
    assertEquals(4.96, LatencyStatistic.P99.of(s), 1e-12);
    assertEquals(LatencyStatistic.P95, LatencyStatistic.parse("p95"));
    assertThrows(IllegalArgumentException.class, () -> LatencyStatistic.MEAN.of(new double[] {1, Double.NaN}));
    assertThrows(IllegalArgumentException.class, () -> LatencyStatistic.parse("p42"));
  }

  @Test
  void qosTarget_slackIsLatencyMinusBound() {
    QosTarget q = new QosTarget(2.0, LatencyStatistic.P95);
    assertEquals(-0.5, q.slack(1.5), 0.0);
    assertTrue(q.isMet(2.0));
    assertThrows(IllegalArgumentException.class, () -> new QosTarget(0, LatencyStatistic.MEAN));
  }

  @Test
  void invocationSeries_negativeOrNanCount_isRejectedWithIndex() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InvocationSeries.perMinute(FunctionId.of("f"), TriggerType.HTTP, Instant.EPOCH, new double[] {1, -2}));
    assertTrue(e.getMessage().contains("counts[1]") && e.getMessage().contains("-2"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> InvocationSeries.perMinute(FunctionId.of("f"), TriggerType.HTTP, Instant.EPOCH, new double[] {Double.NaN}));
  }

  @Test
  void invocationSeries_isImmutableAndSlices() {
    double[] c = {1, 2, 3, 4};
    InvocationSeries s = InvocationSeries.perMinute(FunctionId.of("f"), TriggerType.TIMER,
        Instant.parse("2019-07-15T00:00:00Z"), c);
    c[0] = 99;
    assertEquals(1, s.count(0), 0.0);
    InvocationSeries t = s.slice(1, 3);
    assertArrayEquals(new double[] {2, 3}, t.counts(), 0.0);
    assertEquals(Instant.parse("2019-07-15T00:01:00Z"), t.start());
    assertEquals(10.0, s.total(), 0.0);
    assertEquals(s, s.slice(0, 4));
    assertEquals(6, s.append(5, 6).size());
  }

  @Test
  void externalFeatures_encodeTimeOfDayDayOfWeekAndTrigger() {
    // 2019-07-15 was a Monday; 06:00 is a quarter of the day.
    ExternalFeatures f = ExternalFeatures.of(Instant.parse("2019-07-15T06:00:00Z"), TriggerType.QUEUE);
    assertEquals(360, f.minuteOfDay());
    assertEquals(DayOfWeek.MONDAY, f.dayOfWeek());
    double[] e = f.encode();
    assertEquals(ExternalFeatures.ENCODED_LENGTH, e.length);
    assertEquals(1.0, e[0], 1e-12);
    assertEquals(0.0, e[1], 1e-12);
    assertEquals(0.0, e[2], 1e-12);
    assertEquals(1.0, e[3], 1e-12);
    assertEquals(1.0, e[4 + TriggerType.QUEUE.ordinal()], 0.0);
    // The weekday, not the day of the month: the 22nd is also a Monday.
    assertArrayEquals(e, ExternalFeatures.of(Instant.parse("2019-07-22T06:00:00Z"), TriggerType.QUEUE).encode(), 0.0);
  }

  @Test
  void forecast_quantileUsesNormalAndTruncatesAtZero() {
    Forecast f = Forecast.normal(10, 2);
    assertEquals(10 + 2 * 1.2815515655446004, f.quantile(0.9), 1e-9);
    assertEquals(0.0, Forecast.normal(1, 10).quantile(0.05), 0.0);
    assertEquals(7.0, Forecast.point(7).quantile(0.99), 0.0);
    assertThrows(IllegalArgumentException.class, () -> f.quantile(1.0));
    assertThrows(IllegalArgumentException.class, () -> Forecast.normal(-1, 1));
    assertThrows(IllegalArgumentException.class, () -> new Forecast(1, 1, new double[] {Double.NaN}));
  }

  @Test
  void observation_withFlagKeepsTheReason() {
    Configuration c = new Configuration(java.util.Map.of("a.cpu", 1.0));
    Observation o = Observation.of(c, 0.001, 1.2, Instant.EPOCH);
    Observation flagged = o.withFlag(ObservationFlag.OUTLIER, "z=4.1");
    assertEquals(Set.of(ObservationFlag.OUTLIER), flagged.flags());
    assertEquals("z=4.1", flagged.note());
    assertTrue(o.isFeasible(QosTarget.meanBelow(1.5)));
    assertTrue(!o.isFeasible(QosTarget.meanBelow(1.0)));
    assertTrue(!o.withFlag(ObservationFlag.FAILED, "oom").isFeasible(QosTarget.meanBelow(1.5)));
    assertThrows(IllegalArgumentException.class, () -> Observation.of(c, Double.NaN, 1, Instant.EPOCH));
  }

  @Test
  void triggerType_parseIsLenient() {
    assertEquals(TriggerType.HTTP, TriggerType.parse("http"));
    assertEquals(TriggerType.ORCHESTRATION, TriggerType.parse(" Orchestration "));
    assertEquals(TriggerType.OTHERS, TriggerType.parse("weird"));
    assertEquals(TriggerType.OTHERS, TriggerType.parse(null));
    assertEquals(List.of(TriggerType.values()).size(), 7);
  }
}
