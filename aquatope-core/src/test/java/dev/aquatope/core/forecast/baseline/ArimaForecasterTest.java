package dev.aquatope.core.forecast.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aquatope.core.forecast.arima.ArimaModel;
import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.model.TriggerType;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArimaForecasterTest extends ForecasterContract {
  @Override
  String name() {
    return ArimaForecaster.NAME;
  }

  /** AR(2) with phi = (0.6, -0.3) around mean 20, Gaussian noise sd 1, seeded. */
  static double[] ar2(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] y = new double[n + 200];
    for (int t = 0; t < y.length; t++) {
      double e = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
      double a = t >= 1 ? y[t - 1] - 20 : 0;
      double b = t >= 2 ? y[t - 2] - 20 : 0;
      y[t] = 20 + 0.6 * a - 0.3 * b + e;
    }
    return java.util.Arrays.copyOfRange(y, 200, y.length);
  }

  @Test
  void fit_ar2Simulated_recoversCoefficientsAndForecasts() {
    double[] y = ar2(2000, 2024L);
    InvocationSeries s = InvocationSeries.perMinute(FunctionId.of("f"), TriggerType.HTTP, Instant.EPOCH, y);
    ArimaForecaster fixed = new ArimaForecaster(new ArimaForecaster.Config(2, 0, 0, 10080, 240, 3000), 1);
    fixed.fit(s);
    ArimaModel m = fixed.state().model();
    assertEquals(0.6, m.ar()[0], 0.05);
    assertEquals(-0.3, m.ar()[1], 0.05);
    Forecast fc = fixed.forecast(s);
    assertEquals(20 + 0.6 * (y[1999] - 20) - 0.3 * (y[1998] - 20), fc.mean(), 0.1);
    assertEquals(1.0, fc.std(), 0.05);

    ArimaForecaster selected = new ArimaForecaster(1);
    selected.fit(s);
    assertEquals(fc.mean(), selected.forecast(s).mean(), 0.15, selected.state().model().toString());
  }

  @Test
  void config_invalid_throws() {
    assertThrows(IllegalArgumentException.class, () -> new ArimaForecaster.Config(6, 1, 2, 1000, 240, 3000));
    assertThrows(IllegalArgumentException.class, () -> new ArimaForecaster.Config(3, 1, 2, 10, 240, 3000));
    assertThrows(IllegalArgumentException.class, () -> new ArimaForecaster.Config(3, 3, 2, 1000, 240, 3000));
  }
}
