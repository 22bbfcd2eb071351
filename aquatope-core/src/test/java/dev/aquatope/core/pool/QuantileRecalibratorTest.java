package dev.aquatope.core.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.Forecast;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuantileRecalibratorTest {
  @Test
  void levels_tooNarrowForecasts_areRaisedUntilTheyCoverTheNominalFraction() {
    // the truth is N(50, 10) but the forecaster claims N(50, 5): its 0.9-quantile (56.4) covers
    // about 74% of the windows; the recalibrated level (about 0.99) must cover 90% of the
    // invocations again
    SplittableRandom r = new SplittableRandom(5);
    QuantileRecalibrator cal = new QuantileRecalibrator(2000, 60);
    Forecast narrow = Forecast.normal(50, 5);
    for (int i = 0; i < 2000; i++) {
      cal.observe(narrow, Math.max(0, Math.rint(50 + 10 * gaussian(r))));
    }
    double level = cal.levels(new double[] {0.9})[0];
    assertTrue(level > 0.98 && level < 0.999, "recalibrated level " + level);
    // 90% of the invocations fall in covered windows (the coverage is weighted by the counts)
    double covered = 0;
    double all = 0;
    SplittableRandom test = new SplittableRandom(6);
    for (int i = 0; i < 2000; i++) {
      double y = Math.max(0, Math.rint(50 + 10 * gaussian(test)));
      covered += Math.rint(narrow.quantile(level)) >= y ? y : 0;
      all += y;
    }
    assertEquals(0.9, covered / all, 0.03);
  }

  @Test
  void levels_windowsAreWeightedByTheirInvocations() {
    QuantileRecalibrator cal = new QuantileRecalibrator(10, 10);
    for (int i = 0; i < 8; i++) {
      cal.observe(Forecast.normal(1, 1), 0); // empty windows: no invocation to cover, weight 0
    }
    cal.observe(Forecast.normal(1, 1), 1); // u = Phi(-0.5) = 0.3085, weight 1
    cal.observe(Forecast.point(1), 3); // a point forecast below the count never covers it: u = 1, weight 3
    double[] l = cal.levels(new double[] {0.25, 0.5});
    assertEquals(0.3085375, l[0], 1e-6);
    assertEquals(1 - 1e-6, l[1], 1e-12);
    assertEquals(10, cal.size());
  }

  @Test
  void levels_onlyEmptyWindows_areUnchanged() {
    QuantileRecalibrator cal = new QuantileRecalibrator(5, 1);
    cal.observe(Forecast.normal(3, 1), 0);
    assertArrayEquals(new double[] {0.9}, cal.levels(new double[] {0.9}), 0.0);
  }

  @Test
  void levels_beforeMinObservations_areUnchanged() {
    QuantileRecalibrator cal = new QuantileRecalibrator(100, 3);
    cal.observe(Forecast.normal(0, 1), 5);
    cal.observe(Forecast.normal(0, 1), 5);
    assertArrayEquals(new double[] {0.25, 0.9}, cal.levels(new double[] {0.25, 0.9}), 0.0);
  }

  @Test
  void observe_keepsOnlyTheLastWindow() {
    QuantileRecalibrator cal = new QuantileRecalibrator(4, 1);
    for (int i = 0; i < 10; i++) {
      cal.observe(Forecast.point(0), 5); // u = 1
    }
    for (int i = 0; i < 4; i++) {
      cal.observe(Forecast.point(9), 5); // u = 0
    }
    assertEquals(4, cal.size());
    assertEquals(1e-6, cal.levels(new double[] {0.99})[0], 1e-12);
  }

  @Test
  void constructorAndInputs_invalid_throw() {
    assertThrows(IllegalArgumentException.class, () -> new QuantileRecalibrator(0, 1));
    assertEquals("minObservations must be <= window (5), was 6",
        assertThrows(IllegalArgumentException.class, () -> new QuantileRecalibrator(5, 6)).getMessage());
    QuantileRecalibrator cal = new QuantileRecalibrator(5, 1);
    assertThrows(IllegalArgumentException.class, () -> cal.observe(Forecast.point(1), -1));
    assertThrows(IllegalArgumentException.class, () -> cal.observe(Forecast.point(1), Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> cal.levels(new double[] {1.0}));
  }

  private static double gaussian(SplittableRandom r) {
    double u1 = 1 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
