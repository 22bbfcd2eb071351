package dev.aquatope.core.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.Forecast;
import org.junit.jupiter.api.Test;

/** What every {@link PrewarmPolicy} that sets targets must do; each implementation's test subclasses it. */
abstract class PrewarmPolicyContract {
  abstract PrewarmPolicy create();

  @Test
  void target_isNonNegativeAndNonDecreasingInTheMean() {
    PrewarmPolicy p = create();
    int previous = 0;
    for (double mean = 0; mean <= 50; mean += 0.25) {
      int t = p.target(Forecast.normal(mean, 1.5)).getAsInt();
      assertTrue(t >= 0 && t >= previous, "mean " + mean + ": " + t + " after " + previous);
      previous = t;
    }
  }

  @Test
  void target_pointForecastOfAWholeNumber_isThatNumber() {
    assertEquals(7, create().target(Forecast.point(7)).getAsInt());
  }

  @Test
  void describe_isNonBlankAndStable() {
    assertFalse(create().describe().isBlank());
    assertEquals(create().describe(), create().describe());
  }
}
