package dev.aquatope.core.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aquatope.core.model.Forecast;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PrewarmPolicyTest {

  @Test
  void nullPolicy_setsNothing() {
    assertEquals(OptionalInt.empty(), PrewarmPolicy.NULL.target(Forecast.normal(10, 2)));
  }

  @Test
  void ceilCount_floatingPointNoise_isIgnored() {
    assertEquals(3, PrewarmPolicy.ceilCount(3.0000000001));
    assertEquals(4, PrewarmPolicy.ceilCount(3.001));
    assertEquals(0, PrewarmPolicy.ceilCount(-2));
    assertThrows(IllegalArgumentException.class, () -> PrewarmPolicy.ceilCount(Double.NaN));
  }
}
