package dev.aquatope.core.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aquatope.core.model.Forecast;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class MeanPlusZStdPolicyTest extends PrewarmPolicyContract {
  @Override
  PrewarmPolicy create() {
    return new MeanPlusZStdPolicy(2);
  }

  @Test
  void target_roundsUpAndTruncatesAtZero() {
    assertEquals(OptionalInt.of(15), new MeanPlusZStdPolicy(2).target(Forecast.normal(10.2, 2.1))); // 14.4
    assertEquals(OptionalInt.of(0), new MeanPlusZStdPolicy(-3).target(Forecast.normal(1, 1)));
    assertEquals("mean + 2.0 std", new MeanPlusZStdPolicy(2).describe());
  }

  @Test
  void constructor_nonFiniteZ_isRejected() {
    assertEquals("z must be finite, was NaN",
        assertThrows(IllegalArgumentException.class, () -> new MeanPlusZStdPolicy(Double.NaN)).getMessage());
  }
}
