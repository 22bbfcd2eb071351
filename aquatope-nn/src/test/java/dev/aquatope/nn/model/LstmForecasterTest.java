package dev.aquatope.nn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.spi.InvocationForecaster;
import dev.aquatope.core.spi.Providers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LstmForecasterTest {
  @Test
  void fit_sine_forecastsPeriodAndRoundTrips() throws IOException {
    InvocationSeries series = SyntheticSeries.sine(1400, 24, 50, 30, 2, 11);
    LstmForecaster f = LstmForecaster.create(LstmConfig.newBuilder().inputSteps(24).hidden(16).epochs(6)
        .samplesPerEpoch(512).batchSize(64).seed(3).build());
    f.fit(List.of(series.slice(0, 1200)));
    List<Forecast> rolling = f.forecastRolling(series, 1200);
    double smape = 0;
    for (int i = 0; i < rolling.size(); i++) {
      Forecast fc = rolling.get(i);
      assertEquals(0, fc.samples().length);
      assertTrue(fc.std() > 0, "std from validation residuals");
      smape += SyntheticSeries.smape(fc.mean(), series.count(1200 + i));
    }
    smape /= rolling.size();
    assertTrue(smape < 0.15, "SMAPE " + smape);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    f.save(out);
    InvocationForecaster loaded = Providers.forecasterProvider("lstm").load(new ByteArrayInputStream(out.toByteArray()));
    InvocationSeries recent = series.slice(0, 1300);
    assertEquals(f.forecast(recent), loaded.forecast(recent));
    assertEquals(rolling.get(100).mean(), f.forecast(recent).mean(), 1e-3 * Math.max(1, rolling.get(100).mean()));
    assertThrows(IOException.class, () -> HybridBayesianForecaster.load(new ByteArrayInputStream(out.toByteArray())));
  }

  @Test
  void forecast_beforeFit_throws() {
    LstmForecaster f = LstmForecaster.create(LstmConfig.defaults());
    assertThrows(IllegalStateException.class, () -> f.forecast(SyntheticSeries.sine(100, 24, 5, 1, 0, 1)));
    assertThrows(IllegalArgumentException.class, () -> f.fit(SyntheticSeries.sine(60, 24, 5, 1, 0, 1)));
  }

  @Test
  void builder_validates() {
    assertThrows(IllegalArgumentException.class, () -> LstmConfig.newBuilder().hidden(0));
    assertThrows(IllegalStateException.class, () -> LstmConfig.newBuilder().epochs(2).epochs(3));
    assertEquals(48, LstmConfig.defaults().inputSteps());
  }
}
