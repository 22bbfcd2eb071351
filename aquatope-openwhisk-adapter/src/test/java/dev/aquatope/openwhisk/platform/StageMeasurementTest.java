package dev.aquatope.openwhisk.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StageMeasurementTest {
  @Test
  void combine_twoExecutions_slowerLatencyAndSummedCost() {
    StageMeasurement fast = new StageMeasurement(0.25, 1.5e-6);
    StageMeasurement slow = new StageMeasurement(0.75, 0.5e-6);
    assertEquals(new StageMeasurement(0.75, 2.0e-6), fast.combine(slow));
    assertEquals(new StageMeasurement(0.75, 2.0e-6), slow.combine(fast));
  }

  @Test
  void new_negativeCostOrNanLatency_rejectedNamingTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StageMeasurement(1, -1));
    assertEquals("cost must be finite and >= 0, was -1.0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new StageMeasurement(Double.NaN, 0));
  }
}
