package dev.aquatope.nn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.model.TriggerType;
import dev.aquatope.core.spi.InvocationForecaster;
import dev.aquatope.core.spi.Providers;
import dev.aquatope.nn.train.EpochStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Trains small hybrid networks on synthetic series (seconds, not minutes). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HybridBayesianForecasterTest {
  static final int PERIOD = 24;
  private final InvocationSeries series = SyntheticSeries.sine(1400, PERIOD, 50, 30, 2, 7);
  private final InvocationSeries train = series.slice(0, 1200);
  private HybridBayesianForecaster fitted;
  private final List<EpochStats> epochs = new ArrayList<>();

  static HybridConfig small(long seed) {
    return HybridConfig.newBuilder().inputSteps(PERIOD).outputSteps(4).encoderHidden(16).decoderHidden(8)
        .mlpWidths(List.of(32, 16, 8)).encoderEpochs(4).predictionEpochs(25).encoderSamplesPerEpoch(512)
        .patience(4).mcPasses(16).dropout(0.1).seasonalLag(0).batchSize(64).seed(seed).build();
  }

  @BeforeAll
  void fit() {
    fitted = HybridBayesianForecaster.create(small(1));
    fitted.fit(List.of(train), epochs::add);
  }

  @Test
  void fit_sineWithNoise_lossDecreases() {
    List<EpochStats> enc = epochs.stream().filter(e -> e.phase().equals("encoder-decoder")).toList();
    List<EpochStats> pred = epochs.stream().filter(e -> e.phase().equals("prediction")).toList();
    assertFalse(enc.isEmpty());
    assertFalse(pred.isEmpty());
    double bestEnc = enc.stream().mapToDouble(EpochStats::validationLoss).min().orElseThrow();
    assertTrue(bestEnc < 0.8 * enc.get(0).validationLoss(), "encoder validation loss " + enc);
    assertTrue(enc.get(enc.size() - 1).trainLoss() < 0.8 * enc.get(0).trainLoss(), "encoder train loss " + enc);
    double bestPred = pred.stream().mapToDouble(EpochStats::validationLoss).min().orElseThrow();
    assertTrue(bestPred < pred.get(0).validationLoss(), "prediction validation loss " + pred);
    assertTrue(pred.get(pred.size() - 1).trainLoss() < pred.get(0).trainLoss(), "prediction train loss " + pred);
  }

  @Test
  void forecastRolling_sineOfKnownPeriod_smapeUnderTenPercent() {
    List<Forecast> f = fitted.forecastRolling(series, 1200);
    assertEquals(200, f.size());
    double smape = 0;
    for (int i = 0; i < f.size(); i++) {
      smape += SyntheticSeries.smape(f.get(i).mean(), series.count(1200 + i));
    }
    smape /= f.size();
    assertTrue(smape < 0.10, "SMAPE " + smape);
  }

  @Test
  void forecast_mcDropout_hasSpreadAndIsSeededPerInput() {
    InvocationSeries recent = series.slice(0, 1250);
    Forecast a = fitted.forecast(recent);
    Forecast b = fitted.forecast(recent);
    assertEquals(16, a.samples().length);
    double[] s = a.samples();
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (double v : s) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertTrue(max > min, "MC samples must differ");
    assertTrue(a.std() > 0);
    assertEquals(a, b, "same input, same MC masks");
    assertNotEquals(a, fitted.forecast(series.slice(0, 1251)));
  }

  @Test
  void forecastWithoutDropout_isDeterministic() {
    InvocationSeries recent = series.slice(0, 1250);
    double a = fitted.forecastWithoutDropout(recent);
    double b = fitted.forecastWithoutDropout(recent);
    assertEquals(a, b, 0.0);
    assertTrue(Math.abs(a - series.count(1250)) < 15, "prediction " + a + " vs actual " + series.count(1250));
  }

  @Test
  void forecastRolling_matchesSingleForecasts() {
    List<Forecast> rolling = fitted.forecastRolling(series, 1300);
    for (int t : new int[] {1300, 1333, 1399}) {
      Forecast one = fitted.forecast(series.slice(0, t));
      Forecast r = rolling.get(t - 1300);
      assertEquals(one.mean(), r.mean(), 1e-3 * Math.max(1, one.mean()));
      assertEquals(one.std(), r.std(), 1e-3 * Math.max(1, one.std()));
    }
  }

  @Test
  void saveAndLoad_forecastsTheSameNumbers() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    fitted.save(out);
    InvocationForecaster loaded = Providers.forecasterProvider("hybrid-bnn")
        .load(new ByteArrayInputStream(out.toByteArray()));
    assertTrue(loaded.isFitted());
    assertEquals(fitted.config(), ((HybridBayesianForecaster) loaded).config());
    InvocationSeries recent = series.slice(0, 1277);
    Forecast a = fitted.forecast(recent);
    Forecast b = loaded.forecast(recent);
    assertEquals(a.mean(), b.mean(), 0.0);
    assertEquals(a.std(), b.std(), 0.0);
    assertArrayEquals(a.samples(), b.samples(), 0.0);
  }

  @Test
  void fit_sameSeed_sameModel() {
    HybridConfig c = HybridConfig.newBuilder().inputSteps(12).outputSteps(2).encoderHidden(8).decoderHidden(4)
        .mlpWidths(List.of(8, 8, 4)).encoderEpochs(1).predictionEpochs(2).encoderSamplesPerEpoch(128).mcPasses(8)
        .seasonalLag(0).seed(5).build();
    HybridBayesianForecaster a = HybridBayesianForecaster.create(c);
    HybridBayesianForecaster b = HybridBayesianForecaster.create(c);
    InvocationSeries shortSeries = train.slice(0, 300);
    a.fit(shortSeries);
    b.fit(shortSeries);
    InvocationSeries recent = series.slice(0, 1250);
    assertEquals(a.forecast(recent), b.forecast(recent));
    assertEquals(a.forecastWithoutDropout(recent), b.forecastWithoutDropout(recent), 0.0);
    HybridBayesianForecaster other = HybridBayesianForecaster.create(c.toBuilder().seed(6).build());
    other.fit(shortSeries);
    assertNotEquals(a.forecastWithoutDropout(recent), other.forecastWithoutDropout(recent));
  }

  @Test
  void calibrationBlocks_holdOutEveryTenthBlockOfSixty() {
    int[][] parts = HybridBayesianForecaster.calibrationBlocks(1300);
    int[] fit = parts[0];
    int[] cal = parts[1];
    assertEquals(120, cal.length);
    assertEquals(1180, fit.length);
    assertEquals(540, cal[0]);
    assertEquals(599, cal[59]);
    assertEquals(1140, cal[60]);
    assertEquals(539, fit[539]);
    assertEquals(600, fit[540]);
    assertEquals(0, HybridBayesianForecaster.calibrationBlocks(539)[1].length);
  }

  @Test
  void forecast_beforeFit_throwsIllegalState() {
    HybridBayesianForecaster f = HybridBayesianForecaster.create(small(1));
    assertFalse(f.isFitted());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.forecast(series));
    assertTrue(e.getMessage().contains("before fit"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> f.save(new ByteArrayOutputStream()));
  }

  @Test
  void forecast_fewerPointsThanInputWindow_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> fitted.forecast(series.slice(0, PERIOD - 1)));
    assertTrue(e.getMessage().contains("at least " + PERIOD), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> fitted.forecastRolling(series, PERIOD - 1));
  }

  @Test
  void fit_badHistory_throws() {
    HybridBayesianForecaster f = HybridBayesianForecaster.create(small(1));
    assertThrows(IllegalArgumentException.class, () -> f.fit(List.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.fit(series.slice(0, 50)));
    assertTrue(e.getMessage().contains("has 50 windows"), e.getMessage());
  }

  @Test
  void series_negativeOrNaNCounts_rejectedBeforeReachingTheModel() {
    double[] c = train.counts();
    c[10] = Double.NaN;
    assertThrows(IllegalArgumentException.class,
        () -> InvocationSeries.perMinute(FunctionId.of("f"), TriggerType.HTTP, SyntheticSeries.START, c));
    c[10] = -1;
    assertThrows(IllegalArgumentException.class,
        () -> InvocationSeries.perMinute(FunctionId.of("f"), TriggerType.HTTP, SyntheticSeries.START, c));
  }

  @Test
  void load_garbage_throwsIoException() {
    IOException e = assertThrows(IOException.class,
        () -> HybridBayesianForecaster.load(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})));
    assertTrue(e.getMessage().contains("not an Aquatope NN model"), e.getMessage());
  }

  @Test
  void providers_registerBothForecasters() {
    assertTrue(Providers.forecasterNames().containsAll(List.of("hybrid-bnn", "lstm")), Providers.forecasterNames()
        .toString());
    InvocationForecaster f = Providers.forecaster("hybrid-bnn", 3);
    assertEquals(48, f.minHistory());
    assertEquals(3, ((HybridBayesianForecaster) f).config().seed());
  }
}
