package dev.aquatope.core.forecast.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.forecast.baseline.FftForecaster;
import dev.aquatope.core.forecast.baseline.KeepAliveForecaster;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.model.TriggerType;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RollingEvaluationTest {
  private static final InvocationSeries S = InvocationSeries.perMinute(FunctionId.of("f"), TriggerType.HTTP,
      Instant.EPOCH, new double[] {5, 5, 2, 2, 0, 4, 4});

  @Test
  void evaluate_keepAlive_handComputedScoresAndFakeClockTimings() {
    AtomicLong clock = new AtomicLong();
    // every reading of the clock advances it by 1 ms
    RollingEvaluation eval = RollingEvaluation.newBuilder().trainWindows(3).latencySamples(2)
        .nanoClock(() -> clock.getAndAdd(1_000_000)).build();
    EvaluationResult r = eval.evaluate(new KeepAliveForecaster(1), S);
    // test windows 3..6: actual {2, 0, 4, 4}, keep-alive forecasts {2, 2, 0, 4}
    // SMAPE: 0, |2-0|/1 = 2, |0-4|/2 = 2, 0  => 1.0 ; MAE: (0 + 2 + 4 + 0) / 4 = 1.5
    assertEquals(1.0, r.smape(), 1e-15);
    assertEquals(1.0, r.smapeRounded(), 1e-15);
    assertEquals(1.5, r.mae(), 1e-15);
    assertFalse(r.coverage90().isPresent());
    assertEquals(3, r.trainWindows());
    assertEquals(4, r.testWindows());
    assertEquals(1.0, r.trainMillis(), 1e-12);
    assertEquals(0.25, r.rollingMillisPerForecast(), 1e-12);
    assertEquals(1.0, r.medianLatencyMillis(), 1e-12);
    assertEquals(1.0, r.p99LatencyMillis(), 1e-12);
  }

  @Test
  void evaluate_withUncertainty_reportsCoverage() {
    double[] c = new double[400];
    for (int t = 0; t < c.length; t++) {
      c[t] = 5 + 3 * Math.sin(2 * Math.PI * t / 30) + (t * 7919 % 5);
    }
    InvocationSeries s = InvocationSeries.perMinute(FunctionId.of("g"), TriggerType.HTTP, Instant.EPOCH, c);
    EvaluationResult r = RollingEvaluation.newBuilder().trainWindows(300).build().evaluate(new FftForecaster(1), s);
    assertTrue(r.coverage90().isPresent());
    assertTrue(r.coverage90().getAsDouble() > 0.5, "coverage " + r.coverage90());
    assertEquals(100, r.testWindows());
  }

  @Test
  void evaluate_noTestWindowOrUnfitted_throws() {
    RollingEvaluation eval = RollingEvaluation.newBuilder().trainWindows(7).build();
    assertThrows(IllegalArgumentException.class, () -> eval.evaluate(new KeepAliveForecaster(1), S));
    RollingEvaluation noFit = RollingEvaluation.newBuilder().trainWindows(3).fit(false).build();
    assertThrows(IllegalStateException.class, () -> noFit.evaluate(new KeepAliveForecaster(1), S));
    assertThrows(IllegalStateException.class, () -> RollingEvaluation.newBuilder().build());
    assertThrows(IllegalStateException.class, () -> RollingEvaluation.newBuilder().trainWindows(1).trainWindows(2));
  }
}
