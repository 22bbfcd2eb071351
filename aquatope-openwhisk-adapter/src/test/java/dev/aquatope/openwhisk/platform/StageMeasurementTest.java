package dev.aquatope.openwhisk.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StageMeasurementTest {
  @Test
  void combine_twoExecutions_slowerLatencyAndSummedCost() {
    StageMeasurement fast = new StageMeasurement(0.25, 1.5e-6, 0.5, 0.25);
    StageMeasurement slow = new StageMeasurement(0.75, 0.5e-6, 0.75, 0.125);
    assertEquals(new StageMeasurement(0.75, 2.0e-6, 1.25, 0.375), fast.combine(slow));
    assertEquals(new StageMeasurement(0.75, 2.0e-6, 1.25, 0.375), slow.combine(fast));
  }

  @Test
  void new_negativeCostOrNanLatency_rejectedNamingTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StageMeasurement(1, -1, 0, 0));
    assertEquals("cost must be finite and >= 0, was -1.0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new StageMeasurement(Double.NaN, 0, 0, 0));
  }
}
