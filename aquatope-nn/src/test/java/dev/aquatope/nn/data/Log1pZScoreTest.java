package dev.aquatope.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class Log1pZScoreTest {
  @Test
  void fit_knownCounts_meanAndStdOfLog1p() {
    Log1pZScore n = Log1pZScore.fit(new double[] {0, Math.E - 1});
    assertEquals(0.5, n.mean(), 1e-12);
    assertEquals(0.5, n.std(), 1e-12);
    assertEquals(-1.0, n.toZ(0), 1e-12);
    assertEquals(1.0, n.toZ(Math.E - 1), 1e-12);
  }

  @Test
  void fit_constantSeries_stdOne() {
    Log1pZScore n = Log1pZScore.fit(new double[] {0, 0, 0});
    assertEquals(1.0, n.std());
    assertEquals(0.0, n.toZ(0));
  }

  @Test
  void toCount_belowZero_clampsAtZero() {
    Log1pZScore n = new Log1pZScore(0, 1);
    assertEquals(0.0, n.toCount(-5));
  }

  @Test
  void fit_badInput_throws() {
    assertThrows(IllegalArgumentException.class, () -> Log1pZScore.fit(new double[0]));
    assertThrows(IllegalArgumentException.class, () -> Log1pZScore.fit(new double[] {1, -1}));
    assertThrows(IllegalArgumentException.class, () -> Log1pZScore.fit(new double[] {Double.NaN}));
    assertThrows(IllegalArgumentException.class, () -> new Log1pZScore(0, 0));
  }

  @Property
  void toCount_invertsToZ(@ForAll @DoubleRange(min = 0, max = 1e6) double count) {
    Log1pZScore n = new Log1pZScore(2.0, 1.5);
    assertEquals(count, n.toCount(n.toZ(count)), 1e-9 * Math.max(1, count));
  }
}
