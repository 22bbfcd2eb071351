package dev.aquatope.core.forecast.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.model.TriggerType;
import dev.aquatope.core.spi.InvocationForecaster;
import dev.aquatope.core.spi.Providers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The SPI contract every forecaster of this package satisfies; subclasses only name the forecaster. */
abstract class ForecasterContract {
  /** The provider name under test. */
  abstract String name();

  InvocationForecaster create() {
    return Providers.forecaster(name(), 42L);
  }

  /** A noisy daily-ish pattern with idle stretches, {@code n} windows. */
  static InvocationSeries series(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] c = new double[n];
    for (int t = 0; t < n; t++) {
      double rate = Math.max(0, 3 + 3 * Math.sin(2 * Math.PI * t / 120.0));
      c[t] = rng.nextDouble() < 0.2 ? 0 : Math.round(rate + rng.nextDouble() * 2);
    }
    return InvocationSeries.perMinute(FunctionId.of("f" + seed), TriggerType.HTTP, Instant.parse("2019-07-15T00:00:00Z"), c);
  }

  @Test
  void provider_isRegisteredUnderItsName() {
    assertTrue(Providers.forecasterNames().contains(name()), Providers.forecasterNames().toString());
    InvocationForecaster f = create();
    assertEquals(name(), f.name());
    assertFalse(f.isFitted());
  }

  @Test
  void forecast_beforeFit_throwsIllegalState() {
    InvocationForecaster f = create();
    assertThrows(IllegalStateException.class, () -> f.forecast(series(500, 1)));
    assertThrows(IllegalStateException.class, () -> f.save(new ByteArrayOutputStream()));
    assertThrows(IllegalStateException.class, () -> f.forecastRolling(series(500, 1), 400));
  }

  @Test
  void fit_emptyOrTooShort_throwsIllegalArgument() {
    InvocationForecaster f = create();
    assertThrows(IllegalArgumentException.class, () -> f.fit(List.of()));
    assertThrows(IllegalArgumentException.class, () -> f.fit(series(f.minHistory() - 1, 1)));
    assertFalse(f.isFitted());
  }

  @Test
  void forecast_tooShortRecent_throwsIllegalArgument() {
    InvocationForecaster f = create();
    f.fit(series(600, 1));
    assertTrue(f.isFitted());
    assertThrows(IllegalArgumentException.class, () -> f.forecast(series(f.minHistory() - 1, 2)));
    assertThrows(IllegalArgumentException.class, () -> f.forecastRolling(series(600, 2), f.minHistory() - 1));
  }

  @Test
  void forecastRolling_equalsForecastPerStep() {
    InvocationForecaster f = create();
    f.fit(series(600, 3));
    InvocationSeries s = series(500, 4);
    List<Forecast> rolling = f.forecastRolling(s, 450);
    assertEquals(50, rolling.size());
    for (int t = 450; t < 500; t += 7) {
      assertEquals(f.forecast(s.slice(0, t)), rolling.get(t - 450), "t=" + t);
    }
  }

  @Test
  void load_restoresIdenticalForecasts() throws IOException {
    InvocationForecaster f = create();
    f.fit(series(600, 5));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    f.save(out);
    InvocationForecaster g = Providers.forecasterProvider(name()).load(new ByteArrayInputStream(out.toByteArray()));
    assertTrue(g.isFitted());
    InvocationSeries s = series(400, 6);
    assertEquals(f.forecastRolling(s, 300), g.forecastRolling(s, 300));
  }

  @Test
  void load_otherForecastersState_throwsIOException() throws IOException {
    String other = name().equals("keep-alive") ? "fft" : "keep-alive";
    InvocationForecaster f = Providers.forecaster(other, 1L);
    f.fit(series(600, 5));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    f.save(out);
    IOException e = assertThrows(IOException.class,
        () -> Providers.forecasterProvider(name()).load(new ByteArrayInputStream(out.toByteArray())));
    assertTrue(e.getMessage().contains("'" + other + "'"), e.getMessage());
    assertThrows(IOException.class,
        () -> Providers.forecasterProvider(name()).load(new ByteArrayInputStream("[1,2]".getBytes())));
  }

  @Test
  void forecast_isNonNegativeAndFinite() {
    InvocationForecaster f = create();
    f.fit(series(600, 7));
    for (Forecast fc : f.forecastRolling(series(800, 8), 600)) {
      assertTrue(fc.mean() >= 0 && Double.isFinite(fc.mean()) && Double.isFinite(fc.std()), fc.toString());
    }
  }
}
