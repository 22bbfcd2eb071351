package dev.aquatope.core.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolSchedulerConfigTest {

  @Test
  void defaults_matchTheDesign() {
    PoolSchedulerConfig c = PoolSchedulerConfig.defaults();
    assertEquals(Duration.ofMinutes(1), c.interval());
    assertEquals(new QuantilePolicy(0.9), c.policy());
    assertEquals(48, c.inputSteps());
    assertEquals(10080, c.trainingWindows());
    assertEquals("keep-alive", c.fallbackForecaster());
    assertEquals(PoolSizing.PER_FUNCTION, c.sizing());
  }

  @Test
  void withSizing_workflowConcurrency_needsTheInvocationsMeasure() {
    PoolSchedulerConfig c = PoolSchedulerConfig.defaults();
    assertEquals("sizing WORKFLOW_CONCURRENCY forecasts invocations and needs measure INVOCATIONS, "
        + "was CONTAINERS_NEEDED",
        assertThrows(IllegalArgumentException.class, () -> c.withSizing(PoolSizing.WORKFLOW_CONCURRENCY)).getMessage());
    PoolSchedulerConfig w = c.withMeasure(TargetMeasure.INVOCATIONS).withSizing(PoolSizing.WORKFLOW_CONCURRENCY);
    assertEquals(PoolSizing.WORKFLOW_CONCURRENCY, w.sizing());
    assertEquals(PoolSizing.WORKFLOW_CONCURRENCY, w.withInputSteps(60).sizing(), "kept by the other withers");
    assertThrows(IllegalArgumentException.class, () -> w.withMeasure(TargetMeasure.CONTAINERS_NEEDED));
    assertThrows(IllegalArgumentException.class, () -> c.withSizing(null));
  }

  @Test
  void withCascade_offByDefaultKeptByTheOtherWithersAndNotNull() {
    assertEquals(CascadeOptions.OFF, PoolSchedulerConfig.defaults().cascade());
    PoolSchedulerConfig c = PoolSchedulerConfig.defaults().withCascade(CascadeOptions.on());
    assertEquals(CascadeOptions.on(), c.cascade());
    assertEquals(CascadeOptions.on(), c.withInputSteps(60).withRecalibrationWindows(10).cascade());
    assertEquals(Duration.ofSeconds(3), c.cascade().keepAlive());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PoolSchedulerConfig.defaults().withCascade(null));
    assertEquals("cascade must not be null", e.getMessage());
  }

  @Test
  void withRecalibrationWindows_negative_isRejected() {
    assertEquals(0, PoolSchedulerConfig.defaults().recalibrationWindows());
    assertEquals(1440, PoolSchedulerConfig.defaults().withRecalibrationWindows(1440).recalibrationWindows());
    assertEquals("recalibrationWindows must be >= 0, was -1", assertThrows(IllegalArgumentException.class,
        () -> PoolSchedulerConfig.defaults().withRecalibrationWindows(-1)).getMessage());
  }

  @Test
  void constructor_badFields_areNamed() {
    PoolSchedulerConfig c = PoolSchedulerConfig.defaults();
    assertEquals("trainingWindows must be >= inputSteps (48), was 10",
        assertThrows(IllegalArgumentException.class, () -> c.withTrainingWindows(10)).getMessage());
    assertEquals("interval must be > 0, was PT0S",
        assertThrows(IllegalArgumentException.class, () -> c.withInterval(Duration.ZERO)).getMessage());
    assertEquals("inputSteps must be > 0, was 0",
        assertThrows(IllegalArgumentException.class, () -> c.withInputSteps(0)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> c.withFallbackForecaster(" "));
  }
}
