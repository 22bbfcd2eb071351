package dev.aquatope.core.forecast.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.model.TriggerType;
import dev.aquatope.core.spi.InvocationForecaster;
import dev.aquatope.core.spi.Providers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** For every baseline and any trained state: save then load gives bit-identical forecasts. */
class ForecasterSaveLoadProperties {
  @Provide
  Arbitrary<String> baselines() {
    return Arbitraries.of(KeepAliveForecaster.NAME, HistogramPolicyForecaster.NAME, FftForecaster.NAME,
        ArimaForecaster.NAME);
  }

  /** Sparse-to-dense random counts with a periodic rate, from a seed. */
  private static InvocationSeries series(long seed, double activity, int period, int n) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] c = new double[n];
    for (int t = 0; t < n; t++) {
      double rate = 1 + 4 * (1 + Math.sin(2 * Math.PI * t / period));
      c[t] = rng.nextDouble() < activity ? Math.floor(rate * rng.nextDouble() * 2) : 0;
    }
    return InvocationSeries.perMinute(FunctionId.of("p"), TriggerType.QUEUE, Instant.EPOCH, c);
  }

  @Property(tries = 25)
  void saveThenLoad_forecastsIdentically(@ForAll("baselines") String name, @ForAll long seed,
      @ForAll @DoubleRange(min = 0.01, max = 1.0) double activity, @ForAll @IntRange(min = 5, max = 400) int period)
      throws IOException {
    InvocationForecaster f = Providers.forecaster(name, seed);
    f.fit(series(seed, activity, period, 700));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    f.save(out);
    InvocationForecaster g = Providers.forecasterProvider(name).load(new ByteArrayInputStream(out.toByteArray()));
    InvocationSeries test = series(seed + 1, activity, period, 500);
    assertEquals(f.forecastRolling(test, 400), g.forecastRolling(test, 400));
    // saving the loaded forecaster writes the same bytes
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    g.save(again);
    assertEquals(out.toString(java.nio.charset.StandardCharsets.UTF_8), again.toString(java.nio.charset.StandardCharsets.UTF_8));
  }
}
