package dev.aquatope.nn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aquatope.core.forecast.eval.ForecastMetrics;
import dev.aquatope.core.model.Forecast;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ResidualNoiseTest {

  private static double[] repeat(double value, int times, double other, int otherTimes) {
    double[] d = new double[times + otherTimes];
    Arrays.fill(d, 0, times, value);
    Arrays.fill(d, times, d.length, other);
    Arrays.sort(d);
    return d;
  }

  @Test
  void smapeOptimal_mostlyIdle_isZero() {
    // 60% idle, 40% ten: f = 0 costs 0.4 * 2 = 0.8, f = 10 costs 0.6 * 2 = 1.2
    double[] d = repeat(0, 60, 10, 40);
    assertEquals(0.0, ResidualNoise.smapeOptimal(d), 0.0);
    assertEquals(0.8, ResidualNoise.expectedSmape(0, d), 1e-12);
    assertEquals(1.2, ResidualNoise.expectedSmape(10, d), 1e-12);
  }

  @Test
  void smapeOptimal_mostlyBusy_isTheBusyCount() {
    double[] d = repeat(0, 30, 10, 70);
    assertEquals(10.0, ResidualNoise.smapeOptimal(d), 0.0);
  }

  @Test
  void smapeOptimal_randomDistributions_beatsEveryWholeCount() {
    SplittableRandom r = new SplittableRandom(3);
    for (int trial = 0; trial < 200; trial++) {
      double[] d = new double[1 + r.nextInt(40)];
      for (int i = 0; i < d.length; i++) {
        d[i] = r.nextInt(3) == 0 ? 0 : r.nextInt(30);
      }
      Arrays.sort(d);
      double best = ResidualNoise.expectedSmape(ResidualNoise.smapeOptimal(d), d);
      for (int f = 0; f <= 30; f++) {
        // the optimum over whole counts is attained at 0 or one of the outcomes
        assertTrue(best <= ResidualNoise.expectedSmape(f, d) + 1e-12, "f=" + f + " beats the chosen point");
      }
    }
  }

  /** Heteroscedastic, zero-inflated counts around a known level {@code m} (log1p space). */
  private static double draw(double m, SplittableRandom r) {
    if (r.nextDouble() < 0.3 / (1 + m)) {
      return 0;
    }
    return Math.max(0, Math.rint(Math.expm1(m + (0.2 + 0.3 * m) * gaussian(r))));
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  @Test
  void fit_heteroscedasticCounts_intervalCoversNominalShareOfNewWindows() {
    SplittableRandom r = new SplittableRandom(11);
    int n = 1000;
    double[] m = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      m[i] = 3 * r.nextDouble();
      y[i] = draw(m[i], r);
    }
    ResidualNoise noise = ResidualNoise.fit(m, new double[m.length], y, 100);
    assertEquals(100, noise.neighbours());
    assertEquals(ResidualNoise.LEVEL_BINS, noise.dispersions().length);
    List<Forecast> forecasts = new ArrayList<>();
    double[] actual = new double[5000];
    double[] levels = new double[actual.length];
    for (int i = 0; i < actual.length; i++) {
      levels[i] = 3 * r.nextDouble();
      forecasts.add(noise.forecast(levels[i], new double[0]));
      actual[i] = draw(levels[i], r);
    }
    double coverage = ForecastMetrics.coverage(forecasts, actual, 0.9).orElseThrow();
    assertTrue(coverage >= 0.87 && coverage <= 0.93, "coverage " + coverage);
    // Mondrian calibration: quiet and busy windows are each covered at least about 90% of the time
    // (quiet windows more: an interval around a count of 0 or 1 cannot cover exactly 90% of whole counts)
    for (double[] band : new double[][] {{0, 1}, {2, 3}}) {
      List<Forecast> f = new ArrayList<>();
      List<Double> a = new ArrayList<>();
      for (int i = 0; i < actual.length; i++) {
        if (levels[i] >= band[0] && levels[i] < band[1]) {
          f.add(forecasts.get(i));
          a.add(actual[i]);
        }
      }
      double c = ForecastMetrics.coverage(f, a.stream().mapToDouble(Double::doubleValue).toArray(), 0.9).orElseThrow();
      assertTrue(c >= 0.86 && c <= (band[0] == 0 ? 0.98 : 0.94), "coverage " + c + " for levels " + Arrays.toString(band));
    }
    // and the calibration windows themselves (leave-one-out) are covered at least nominally
    List<Forecast> own = new ArrayList<>();
    for (double level : m) {
      own.add(noise.forecast(level, new double[0]));
    }
    assertTrue(ForecastMetrics.coverage(own, y, 0.9).orElseThrow() >= 0.88);
  }

  @Test
  void forecast_idleLevel_givesZeroAndBusyLevelGivesACount() {
    SplittableRandom r = new SplittableRandom(5);
    double[] m = new double[400];
    double[] y = new double[400];
    for (int i = 0; i < m.length; i++) {
      m[i] = i < 200 ? 0.05 : 3.0;
      y[i] = i < 200 ? (r.nextInt(10) == 0 ? 1 : 0) : Math.rint(Math.expm1(3.0 + 0.1 * gaussian(r)));
    }
    ResidualNoise noise = ResidualNoise.fit(m, new double[m.length], y, 50);
    assertEquals(0.0, noise.forecast(0.05, new double[0]).mean(), 0.0);
    double busy = noise.forecast(3.0, new double[0]).mean();
    assertTrue(busy >= 17 && busy <= 23, "busy point " + busy);
  }

  @Test
  void forecast_rareTimerLevel_notOutvotedByIdleNeighbours() {
    // an hourly timer: 900 idle minutes predicted near 0.02, 20 firing minutes (count 1) near 0.31
    double[] m = new double[920];
    double[] y = new double[920];
    for (int i = 0; i < m.length; i++) {
      boolean firing = i % 46 == 0;
      m[i] = firing ? 0.30 + 0.001 * (i % 7) : 0.02 + 0.0001 * (i % 13);
      y[i] = firing ? 1 : 0;
    }
    ResidualNoise noise = ResidualNoise.fit(m, new double[m.length], y, 100);
    assertEquals(1.0, noise.forecast(0.303, new double[0]).mean(), 0.0);
    assertEquals(0.0, noise.forecast(0.021, new double[0]).mean(), 0.0);
    assertEquals(20, noise.distribution(0.303).length, "only the firing level's residuals");
  }

  @Test
  void json_roundTrip_forecastsIdentically() throws Exception {
    SplittableRandom r = new SplittableRandom(2);
    double[] m = new double[300];
    double[] y = new double[300];
    for (int i = 0; i < m.length; i++) {
      m[i] = 2 * r.nextDouble();
      y[i] = draw(m[i], r);
    }
    ResidualNoise noise = ResidualNoise.fit(m, new double[m.length], y, 60);
    ObjectMapper json = new ObjectMapper();
    ResidualNoise back = json.readValue(json.writeValueAsBytes(noise), ResidualNoise.class);
    assertArrayEquals(noise.levels(), back.levels(), 0.0);
    assertArrayEquals(noise.residuals(), back.residuals(), 0.0);
    assertArrayEquals(noise.binEdges(), back.binEdges(), 0.0);
    assertArrayEquals(noise.dispersions(), back.dispersions(), 0.0);
    for (double level : new double[] {-0.5, 0, 0.7, 1.3, 2.5}) {
      assertEquals(noise.forecast(level, new double[] {1, 2}), back.forecast(level, new double[] {1, 2}));
    }
  }

  @Test
  void constructor_badState_throws() {
    double[] none = new double[0];
    double[] one = {1};
    assertThrows(IllegalArgumentException.class, () -> new ResidualNoise(new double[] {1, 0}, new double[] {0, 0}, 1, none, one));
    assertThrows(IllegalArgumentException.class,
        () -> new ResidualNoise(new double[] {0, Double.NaN}, new double[] {0, 0}, 1, none, one));
    assertThrows(IllegalArgumentException.class, () -> new ResidualNoise(new double[] {0}, new double[] {0, 0}, 1, none, one));
    assertThrows(IllegalArgumentException.class, () -> new ResidualNoise(new double[] {0}, new double[] {0}, 0, none, one));
    assertThrows(IllegalArgumentException.class,
        () -> new ResidualNoise(new double[] {0}, new double[] {0}, 1, none, new double[] {-1}));
    assertThrows(IllegalArgumentException.class, () -> new ResidualNoise(new double[] {0}, new double[] {0}, 1, one, one));
    assertThrows(IllegalArgumentException.class,
        () -> new ResidualNoise(new double[] {0}, new double[] {0}, 1, new double[] {2, 1}, new double[] {1, 1, 1}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ResidualNoise(new double[] {0}, new double[] {0}, 1, none, new double[] {Double.NaN}));
    assertTrue(e.getMessage().contains("dispersions[0]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ResidualNoise.fit(new double[0], new double[0], new double[0], 5));
    assertThrows(IllegalArgumentException.class, () -> ResidualNoise.fit(new double[] {1}, new double[] {0}, new double[] {-1}, 5));
  }
}
