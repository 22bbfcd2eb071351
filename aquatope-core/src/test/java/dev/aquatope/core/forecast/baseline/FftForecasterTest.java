package dev.aquatope.core.forecast.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.model.TriggerType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FftForecasterTest extends ForecasterContract {
  @Override
  String name() {
    return FftForecaster.NAME;
  }

  private static double periodic(int t) {
    // periods 60, 20, 12 and 4 all divide the 60-window
    return 10 + 3 * Math.sin(2 * Math.PI * t / 60 + 0.3) + 2 * Math.cos(2 * Math.PI * t / 20)
        + 1.5 * Math.sin(2 * Math.PI * t / 12 + 1.1) + 0.5 * Math.cos(2 * Math.PI * t / 4 + 0.2);
  }

  private static InvocationSeries of(java.util.function.IntToDoubleFunction f, int n) {
    double[] c = new double[n];
    for (int t = 0; t < n; t++) {
      c[t] = f.applyAsDouble(t);
    }
    return InvocationSeries.perMinute(FunctionId.of("f"), TriggerType.TIMER, Instant.EPOCH, c);
  }

  @Test
  void forecast_sumOfSinusoids_reproducesNextValue() {
    FftForecaster f = new FftForecaster(1);
    InvocationSeries s = of(FftForecasterTest::periodic, 300);
    f.fit(s.slice(0, 200));
    for (int t = 60; t < 300; t += 13) {
      double expected = periodic(t);
      assertEquals(expected, f.forecast(s.slice(0, t)).mean(), 1e-6 * expected, "t=" + t);
    }
    // the training residuals are ~0 too
    assertEquals(0.0, f.state().residualStd(), 1e-6);
  }

  @Test
  void forecast_sinusoidsPlusTrend_reproducesNextValue() {
    FftForecaster f = new FftForecaster(1);
    InvocationSeries s = of(t -> periodic(t) + 0.05 * t, 200);
    f.fit(s);
    assertEquals(periodic(137) + 0.05 * 137, f.forecast(s.slice(0, 137)).mean(), 1e-6 * 17);
  }

  @Test
  void forecast_negativeExtrapolation_clampedAtZero() {
    FftForecaster f = new FftForecaster(1);
    InvocationSeries s = of(t -> Math.max(0, 60 - t), 60); // line 60..1: next value of the line is 0, then below
    f.fit(s);
    assertEquals(0.0, f.forecast(of(t -> 59.5 - t, 60).slice(0, 60)).mean(), 0.0);
    assertEquals(1.0, f.forecast(of(t -> 61 - t, 60)).mean(), 1e-9);
  }

  @Test
  void forecast_hasTrainingResidualStd() {
    FftForecaster f = new FftForecaster(1);
    f.fit(series(1000, 3));
    Forecast fc = f.forecast(series(200, 4));
    assertEquals(f.state().residualStd(), fc.std(), 0.0);
    // noisy data: a std of the order of the noise (uniform jitter of width 2, and 20% zeros)
    org.junit.jupiter.api.Assertions.assertTrue(fc.std() > 0.5 && fc.std() < 10, "std " + fc.std());
  }

  @Test
  void config_invalid_throws() {
    assertThrows(IllegalArgumentException.class, () -> new FftForecaster.Config(60, 31, 10));
    assertThrows(IllegalArgumentException.class, () -> new FftForecaster.Config(3, 1, 10));
    assertThrows(IllegalArgumentException.class, () -> new FftForecaster.Config(60, 10, 0));
  }
}
