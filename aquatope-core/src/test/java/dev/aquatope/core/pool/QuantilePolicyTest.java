package dev.aquatope.core.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aquatope.core.model.Forecast;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class QuantilePolicyTest extends PrewarmPolicyContract {
  @Override
  PrewarmPolicy create() {
    return QuantilePolicy.defaults();
  }

  @Test
  void target_normalForecast_isCeilOfQuantile() {
    // 0.9-quantile of N(10, 2^2) = 12.5631 -> 13; 0.5-quantile = 10 exactly -> 10
    assertEquals(OptionalInt.of(13), new QuantilePolicy(0.9).target(Forecast.normal(10, 2)));
    assertEquals(OptionalInt.of(10), new QuantilePolicy(0.5).target(Forecast.normal(10, 2)));
    // 0.1-quantile of N(1, 1) is negative: truncated at 0
    assertEquals(OptionalInt.of(0), new QuantilePolicy(0.1).target(Forecast.normal(1, 1)));
    assertEquals("quantile 0.9", QuantilePolicy.defaults().describe());
  }

  @Test
  void target_countDistribution_isTheExactDiscreteQuantile() {
    // one container 95% of the time: the discrete 0.9-quantile is 1, while the normal
    // approximation (mean 1.05, std 0.218) would round 1.33 up to 2
    CountDistribution d = CountDistribution.of(0, 0.95, 0.05);
    assertEquals(OptionalInt.of(1), new QuantilePolicy(0.9).target(d));
    assertEquals(OptionalInt.of(2), new QuantilePolicy(0.96).target(d));
    assertEquals(OptionalInt.of(2), new MeanPlusZStdPolicy(1.5).target(d), "other policies use mean and std");
    assertEquals(OptionalInt.empty(), PrewarmPolicy.NULL.target(d));
  }

  @Test
  void constructor_badQ_isRejectedNamingIt() {
    assertEquals("q must be in (0, 1), was 1.0",
        assertThrows(IllegalArgumentException.class, () -> new QuantilePolicy(1.0)).getMessage());
  }
}
