package dev.aquatope.core.forecast.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.model.TriggerType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistogramPolicyForecasterTest extends ForecasterContract {
  @Override
  String name() {
    return HistogramPolicyForecaster.NAME;
  }

  private static InvocationSeries of(java.util.function.IntToDoubleFunction f, int n) {
    double[] c = new double[n];
    for (int t = 0; t < n; t++) {
      c[t] = f.applyAsDouble(t);
    }
    return InvocationSeries.perMinute(FunctionId.of("timer"), TriggerType.TIMER, Instant.EPOCH, c);
  }

  @Test
  void fit_timerEvery30Minutes_predictsActivityAtTheRightMinute() {
    // two invocations every 30 minutes, for two days
    InvocationSeries s = of(t -> t % 30 == 0 ? 2 : 0, 2 * 1440);
    HistogramPolicyForecaster f = new HistogramPolicyForecaster(1);
    f.fit(s);
    HistogramPolicyForecaster.State st = f.state();
    assertEquals(HistogramPolicyForecaster.Mode.HISTOGRAM, st.mode());
    // every idle time is 29: pre-warm floor(29 * 0.9) = 26, keep-alive end ceil(29 * 1.1) = 32
    assertEquals(26, st.preWarm());
    assertEquals(32, st.keepAliveEnd());
    List<Forecast> rolling = f.forecastRolling(s, 60);
    for (int t = 60; t < 400; t++) {
      double mean = rolling.get(t - 60).mean();
      if (t % 30 == 0) {
        // hazard (95 + 1/30) / (95 + 1) with 95 idle times of 29, times the count 2
        assertEquals(2 * (95 + 1.0 / 30) / 96, mean, 1e-12, "t=" + t);
      } else if (t % 30 >= 27) {
        // inside the window, before the usual minute: only the pseudo-observation
        assertTrue(mean < 0.001 && mean > 0, "t=" + t + " mean " + mean);
      } else {
        assertEquals(0.0, mean, 0.0, "t=" + t);
      }
    }
  }

  @Test
  void fit_flatIdleTimes_usesStandardKeepAlive() {
    // idle times cycle through 0..239, a flat histogram (CV 0)
    double[] c = new double[200_000];
    int t = 0;
    int it = 0;
    while (t < c.length) {
      c[t] = 1;
      t += it + 1;
      it = (it + 1) % 240;
    }
    HistogramPolicyForecaster f = new HistogramPolicyForecaster(1);
    f.fit(of(i -> c[i], c.length));
    assertEquals(HistogramPolicyForecaster.Mode.STANDARD, f.state().mode());
    assertEquals(0, f.state().preWarm());
    assertEquals(239, f.state().keepAliveEnd());
  }

  @Test
  void fit_mostlyLongIdleTimes_usesArima() {
    // active every 300 minutes: every idle time (299) is out of the 240-minute range
    InvocationSeries s = of(t -> t % 300 == 0 ? 1 : 0, 300 * 40);
    HistogramPolicyForecaster f = new HistogramPolicyForecaster(1);
    f.fit(s);
    assertEquals(HistogramPolicyForecaster.Mode.ARIMA, f.state().mode());
    assertNotNull(f.state().idleTimeModel());
    // predicted idle time 299: window [floor(254.15), ceil(343.85)] = [254, 344]
    assertEquals(1.0 / (344 - 299 + 1), f.forecast(s.slice(0, 300 * 20)).mean(), 1e-6);
    assertEquals(0.0, f.forecast(s.slice(0, 300 * 20 - 100)).mean(), 0.0);
  }

  @Test
  void forecast_neverActive_isZero() {
    HistogramPolicyForecaster f = new HistogramPolicyForecaster(1);
    f.fit(of(t -> 0, 100));
    assertEquals(Forecast.point(0), f.forecast(of(t -> 0, 50)));
  }

  @Test
  void config_invalid_throws() {
    assertThrows(IllegalArgumentException.class, () -> new HistogramPolicyForecaster.Config(240, 99, 5, 0.1, 2, 0.5, 0.15, 10, 10));
    assertThrows(IllegalArgumentException.class, () -> new HistogramPolicyForecaster.Config(240, 5, 99, 1.0, 2, 0.5, 0.15, 10, 10));
    assertThrows(IllegalArgumentException.class, () -> new HistogramPolicyForecaster.Config(1, 5, 99, 0.1, 2, 0.5, 0.15, 10, 10));
  }
}
