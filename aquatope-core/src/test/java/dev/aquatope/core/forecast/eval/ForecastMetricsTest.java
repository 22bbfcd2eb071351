package dev.aquatope.core.forecast.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aquatope.core.model.Forecast;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastMetricsTest {
  private static final List<Forecast> POINTS = List.of(Forecast.point(1), Forecast.point(0), Forecast.point(2), Forecast.point(3));
  private static final double[] ACTUAL = {1, 0, 4, 0};

  @Test
  void smape_handComputed() {
    // |1-1|/1 = 0; 0/0 -> 0; |2-4|/3 = 2/3; |3-0|/1.5 = 2  => (0 + 0 + 2/3 + 2) / 4
    assertEquals((2.0 / 3 + 2) / 4, ForecastMetrics.smape(POINTS, ACTUAL), 1e-15);
  }

  @Test
  void smapeOfRounded_handComputed() {
    List<Forecast> f = List.of(Forecast.normal(0.001, 1), Forecast.point(1.5), Forecast.point(2.4));
    // rounded {0, 2, 2} vs {0, 1, 3}: 0/0 -> 0; |2-1|/1.5; |2-3|/2.5
    assertEquals((1 / 1.5 + 1 / 2.5) / 3, ForecastMetrics.smapeOfRounded(f, new double[] {0, 1, 3}), 1e-15);
    // unrounded, the tiny forecast of an idle window costs the maximal 200%
    assertEquals((2 + 0.5 / 1.25 + 0.6 / 2.7) / 3, ForecastMetrics.smape(f, new double[] {0, 1, 3}), 1e-15);
  }

  @Test
  void mae_handComputed() {
    assertEquals((0 + 0 + 2 + 3) / 4.0, ForecastMetrics.mae(POINTS, ACTUAL), 1e-15);
  }

  @Test
  void coverage_pointForecasts_isEmpty() {
    assertFalse(ForecastMetrics.coverage(POINTS, ACTUAL, 0.9).isPresent());
  }

  @Test
  void coverage_normalForecasts_handComputed() {
    // 90% interval of N(10, 1): 10 -+ 1.6449; of N(0, 1) truncated at 0: [0, 1.6449]
    List<Forecast> f = List.of(Forecast.normal(10, 1), Forecast.normal(10, 1), Forecast.normal(0, 1), Forecast.normal(5, 0));
    double[] y = {11.6, 11.7, 0, 5};
    // inside, outside, inside (0 is the lower bound), inside (point forecast equal to the value)
    assertEquals(0.75, ForecastMetrics.coverage(f, y, 0.9).getAsDouble(), 1e-15);
  }

  @Test
  void metrics_badInputs_throw() {
    assertThrows(IllegalArgumentException.class, () -> ForecastMetrics.smape(POINTS, new double[3]));
    assertThrows(IllegalArgumentException.class, () -> ForecastMetrics.mae(List.of(), new double[0]));
    assertThrows(IllegalArgumentException.class, () -> ForecastMetrics.coverage(POINTS, ACTUAL, 1.0));
  }
}
