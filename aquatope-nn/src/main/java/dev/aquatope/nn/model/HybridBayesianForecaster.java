package dev.aquatope.nn.model;

import dev.aquatope.core.model.ExternalFeatures;
import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.spi.InvocationForecaster;
import dev.aquatope.core.util.Checks;
import dev.aquatope.nn.data.Log1pZScore;
import dev.aquatope.nn.data.Split;
import dev.aquatope.nn.data.WindowSet;
import dev.aquatope.nn.train.DropoutMasks;
import dev.aquatope.nn.train.EarlyStoppingTrainer;
import dev.aquatope.nn.train.EpochListener;
import dev.aquatope.nn.train.EpochStats;
import dev.aquatope.nn.train.MinibatchModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hybrid Bayesian invocation forecaster of AQUATOPE (after Zhu and Laptev, "Deep and
 * Confident Prediction for Time Series at Uber", 2017), trained and run with ND4J.
 *
 * <ol>
 *   <li><b>Pre-training.</b> A stacked LSTM encoder reads the last {@code inputSteps} normalized
 *       counts; an LSTM decoder predicts the next {@code outputSteps} from the encoder's last
 *       hidden state. The encoder uses variational dropout (one mask per sequence, shared by all
 *       time steps). See {@link SequenceNet}.
 *   <li><b>Prediction.</b> The encoder is frozen; its last hidden state (computed once per window
 *       and reused across MC passes and epochs) is concatenated with the
 *       {@link ExternalFeatures#encode() external features} of the target window (plus, beyond
 *       the paper, the normalized counts one {@code seasonalLag} earlier and, as a skip path
 *       around the encoder, the latest {@code directInputs} normalized counts themselves) and fed
 *       to an MLP of tanh layers with dropout ({@link PredictionMlp}), which predicts the next
 *       window's {@code log1p} count.
 *   <li><b>Uncertainty.</b> MC dropout: the MLP input is replicated {@code mcPasses} times along
 *       the batch dimension and run once with different dropout masks. The encoder runs without
 *       dropout at inference (it is frozen and its state is shared by all passes; this keeps a
 *       forecast within milliseconds), so the model variance is the prediction network's. The
 *       inherent noise is estimated from the out-of-sample residuals of the MC-mean prediction on
 *       the validation split and on calibration blocks held out of the training split
 *       ({@link #calibrationBlocks}): {@link ResidualNoise} keeps the residuals of the windows
 *       with the nearest predicted level as the count's predictive distribution, reports the
 *       whole count minimizing the expected SMAPE under it as {@link Forecast#mean()}, and sets
 *       {@code std = sqrt(model variance + noise variance)} with an overdispersed-Poisson noise
 *       variance whose dispersion is calibrated so that the central 90% interval covers 90% of
 *       those windows, per band of predicted level.
 * </ol>
 *
 * <p><b>Data.</b> Each series is split chronologically 80/10/10 ({@link Split}); the
 * {@code log1p} + z-score normalization is fitted on the training split only. Outputs are
 * de-normalized and clamped at 0.
 *
 * <p><b>Determinism.</b> The seed fixes the initial weights, the sample order and every dropout
 * mask (drawn in Java, not by ND4J's global generator), so the same seed, configuration and data
 * give the same weights. MC-dropout masks of a forecast are seeded from the configuration's seed,
 * the input window and the target time: the same input gives the same samples, also after
 * {@link #save}/{@link Provider#load}, and {@link #forecastRolling} gives the same numbers as
 * {@link #forecast} on each prefix (up to float rounding of the batched pass).
 *
 * <p><b>Thread-safety.</b> {@code fit} builds a new immutable-from-outside state and publishes it
 * atomically; {@code forecast} calls are serialized on the current state (ND4J graphs are not
 * thread-safe), so concurrent callers are correct but not parallel.
 *
 * <p><b>Native memory.</b> Each {@code fit} leaks about 2.5 GB of native memory (default
 * configuration) inside ND4J 1.0.0-M2.1's LSTM backward pass, which this class cannot release: a
 * process that trains many models should train each in a short-lived worker process and
 * {@link Provider#load load} the {@link #save saved} model where it serves forecasts (forecasting
 * itself leaks only kilobytes per call). See "Native memory" in the module README.
 */
public final class HybridBayesianForecaster implements InvocationForecaster {
  /** The ServiceLoader name. */
  public static final String NAME = "hybrid-bnn";
  private static final Logger LOG = LoggerFactory.getLogger(HybridBayesianForecaster.class);
  private static final int ENCODE_CHUNK = 512;
  private static final int MLP_CHUNK_ROWS = 4096;
  /** Length of a calibration block held out of the prediction network's training samples. */
  static final int CALIBRATION_BLOCK = 60;
  /** One block in this many is held out for calibration. */
  static final int CALIBRATION_EVERY = 10;

  private final HybridConfig config;
  private volatile State state;

  private HybridBayesianForecaster(HybridConfig config, State state) {
    this.config = config;
    this.state = state;
  }

  /**
   * An unfitted forecaster.
   *
   * @param config the hyperparameters
   * @return the forecaster
   * @throws IllegalArgumentException if {@code config} is null
   */
  public static HybridBayesianForecaster create(HybridConfig config) {
    return new HybridBayesianForecaster(Checks.notNull("config", config), null);
  }

  /** The hyperparameters. */
  public HybridConfig config() {
    return config;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int minHistory() {
    return config.inputSteps();
  }

  /**
   * Fewest windows each training series needs: the input window plus the decoder horizon must fit
   * in the validation split (10% of the series) and in the training split.
   *
   * @return the minimum series length for {@link #fit}
   */
  public int minFitWindows() {
    return Split.minSeriesWindows(config.inputSteps(), config.outputSteps());
  }

  @Override
  public boolean isFitted() {
    return state != null;
  }

  /** What the last {@code fit} did (or the loaded model's record of it). */
  public TrainingSummary summary() {
    return requireState().summary;
  }

  @Override
  public void fit(List<InvocationSeries> history) {
    fit(history, EpochListener.NONE);
  }

  /**
   * Trains on {@code history}, telling {@code listener} the losses after every epoch.
   *
   * @param history training series, each at least {@link #minFitWindows()} windows
   * @param listener receives every epoch's losses
   * @return what the training did
   * @throws IllegalArgumentException if the history is empty, holds null or too short a series
   * @throws IllegalStateException if training diverges
   */
  public TrainingSummary fit(List<InvocationSeries> history, EpochListener listener) {
    SeriesChecks.history(NAME, history, minFitWindows());
    Checks.notNull("listener", listener);
    long t0 = System.currentTimeMillis();
    HybridConfig c = config;
    Log1pZScore norm = Log1pZScore.fit(trainingCounts(history));
    SplittableRandom rng = new SplittableRandom(c.seed());
    List<EpochStats> epochs = new ArrayList<>();

    // 1. encoder-decoder pre-training
    WindowSet preTrain = WindowSet.of(history, Split.TRAIN, norm, c.inputSteps(), c.outputSteps(), 1, 0);
    WindowSet preVal = WindowSet.of(history, Split.VALIDATION, norm, c.inputSteps(), c.outputSteps(), 1, 0);
    SequenceNet encoder = SequenceNet.create(c.inputSteps(), c.encoderLayers(), c.encoderHidden(), c.decoderHidden(),
        c.outputSteps(), c.encoderLearningRate(), rng.split());
    int[] valIdx = preVal.allIndices();
    INDArray valX = preVal.inputs(valIdx, 0, valIdx.length);
    INDArray valY = preVal.targets(valIdx, 0, valIdx.length);
    int[] encMaskWidths = new int[c.encoderLayers()];
    java.util.Arrays.fill(encMaskWidths, c.encoderHidden());
    MinibatchModel pre = new MinibatchModel() {
      @Override
      public void fitBatch(int[] idx, int from, int to, SplittableRandom r) {
        encoder.fitBatch(preTrain.inputs(idx, from, to), preTrain.targets(idx, from, to),
            DropoutMasks.draw(to - from, encMaskWidths, c.dropout(), r));
      }

      @Override
      public double trainingLoss(int limit) {
        int[] idx = preTrain.allIndices();
        int n = Math.min(limit, idx.length);
        return encoder.loss(preTrain.inputs(idx, 0, n), preTrain.targets(idx, 0, n));
      }

      @Override
      public double validationLoss() {
        return encoder.loss(valX, valY);
      }

      @Override
      public Map<String, INDArray> weights() {
        return encoder.weights();
      }

      @Override
      public void setWeights(Map<String, INDArray> w) {
        encoder.setWeights(w);
      }
    };
    epochs.addAll(new EarlyStoppingTrainer("encoder-decoder", c.encoderEpochs(), c.batchSize(),
        c.encoderSamplesPerEpoch(), c.patience()).train(pre, preTrain.size(), rng.split(), listener));

    // 2. prediction network over the frozen encoder's states, computed once
    WindowSet train = WindowSet.of(history, Split.TRAIN, norm, c.inputSteps(), 1, 1, c.seasonalLag());
    WindowSet val = WindowSet.of(history, Split.VALIDATION, norm, c.inputSteps(), 1, 1, c.seasonalLag());
    int[][] parts = calibrationBlocks(train.size());
    int[] fitRows = parts[0];
    int[] calRows = parts[1];
    INDArray allF = mlpInputs(encoder, train, c.directInputs());
    INDArray trainF = allF.getRows(fitRows);
    INDArray calF = calRows.length == 0 ? null : allF.getRows(calRows);
    INDArray valF = mlpInputs(encoder, val, c.directInputs());
    INDArray trainY = train.nextTargets(train.allIndices(), 0, train.size()).getRows(fitRows);
    INDArray valYn = val.nextTargets(val.allIndices(), 0, val.size());
    int[] widths = c.mlpWidthArray();
    PredictionMlp mlp = PredictionMlp.create((int) trainF.size(1), widths, c.predictionLearningRate(), rng.split());
    MinibatchModel pred = new MinibatchModel() {
      @Override
      public void fitBatch(int[] idx, int from, int to, SplittableRandom r) {
        int[] rows = java.util.Arrays.copyOfRange(idx, from, to);
        mlp.fitBatch(trainF.getRows(rows), trainY.getRows(rows), DropoutMasks.draw(to - from, widths, c.dropout(), r));
      }

      @Override
      public double trainingLoss(int limit) {
        return mlp.predict(trainF, null).squaredDistance(trainY) / fitRows.length;
      }

      @Override
      public double validationLoss() {
        return mlp.predict(valF, null).squaredDistance(valYn) / val.size();
      }

      @Override
      public Map<String, INDArray> weights() {
        return mlp.weights();
      }

      @Override
      public void setWeights(Map<String, INDArray> w) {
        mlp.setWeights(w);
      }
    };
    epochs.addAll(new EarlyStoppingTrainer("prediction", c.predictionEpochs(), c.batchSize(), Integer.MAX_VALUE,
        c.patience()).train(pred, fitRows.length, rng.split(), listener));

    // 3. inherent noise, from the out-of-sample residuals of the MC-mean prediction (log1p space)
    // on the validation split and on the calibration blocks held out of the training split
    int b = c.mcPasses();
    int nv = val.size();
    int n = nv + calRows.length;
    double[] meanLog = new double[n];
    double[] modelVar = new double[n];
    double[] actual = new double[n];
    float[] zv = mcSamples(mlp, valF, val, null, c, norm);
    float[] zc = calRows.length == 0 ? new float[0] : mcSamples(mlp, calF, train, calRows, c, norm);
    double ssRes = 0;
    for (int k = 0; k < n; k++) {
      float[] z = k < nv ? zv : zc;
      int row = k < nv ? k : k - nv;
      meanLog[k] = McSummary.meanLog(z, row * b, b, norm);
      modelVar[k] = ResidualNoise.variance(McSummary.counts(z, row * b, b, norm));
      actual[k] = k < nv ? val.nextCount(k) : train.nextCount(calRows[row]);
      if (k < nv) {
        double r = Math.log1p(actual[k]) - meanLog[k];
        ssRes += r * r;
      }
    }
    double residualVar = ssRes / nv;
    ResidualNoise noise = ResidualNoise.fit(meanLog, modelVar, actual, c.noiseNeighbours());
    TrainingSummary summary = new TrainingSummary(epochs, fitRows.length, nv, residualVar, Math.sqrt(residualVar),
        System.currentTimeMillis() - t0);
    LOG.info("{} trained in {} ms: {} epochs, validation RMSE(log1p) {}, noise dispersions {}", NAME,
        summary.trainingMillis(), epochs.size(), summary.validationRmseLog(),
        java.util.Arrays.toString(noise.dispersions()));
    state = new State(norm, encoder, mlp, noise, summary);
    return summary;
  }

  /**
   * Splits the training samples {@code 0 .. n-1} into the prediction network's rows and the
   * calibration rows: every {@value #CALIBRATION_EVERY}-th block of {@value #CALIBRATION_BLOCK}
   * consecutive samples is held out of the prediction network's training, so that its
   * out-of-sample residuals, spread over every day and hour of the training split, join the
   * validation residuals in the noise model (the validation split alone can be one weekend).
   *
   * @param n number of training samples
   * @return {fit rows, calibration rows}, ascending
   */
  static int[][] calibrationBlocks(int n) {
    int[] fit = new int[n];
    int[] cal = new int[n];
    int nf = 0;
    int nc = 0;
    for (int k = 0; k < n; k++) {
      if ((k / CALIBRATION_BLOCK) % CALIBRATION_EVERY == CALIBRATION_EVERY - 1) {
        cal[nc++] = k;
      } else {
        fit[nf++] = k;
      }
    }
    return new int[][] {java.util.Arrays.copyOf(fit, nf), java.util.Arrays.copyOf(cal, nc)};
  }

  static double[] trainingCounts(List<InvocationSeries> history) {
    int n = 0;
    for (InvocationSeries s : history) {
      n += Split.TRAIN.end(s.size());
    }
    double[] out = new double[n];
    int k = 0;
    for (InvocationSeries s : history) {
      int end = Split.TRAIN.end(s.size());
      System.arraycopy(s.counts(), 0, out, k, end);
      k += end;
    }
    return out;
  }

  /** Width of the prediction network's input for {@code c}. */
  static int mlpInputWidth(HybridConfig c) {
    return c.encoderHidden() + c.directInputs() + WindowSet.featureWidth(c.seasonalLag());
  }

  /**
   * Encoder states, the latest {@code direct} normalized inputs (the skip path) and the external
   * features, concatenated: {@code [n, hidden + direct + F]}.
   */
  private static INDArray mlpInputs(SequenceNet encoder, WindowSet set, int direct) {
    int n = set.size();
    int[] idx = set.allIndices();
    int steps = set.inputSteps();
    INDArray out = Nd4j.create(DataType.FLOAT, n, encoder.hidden() + direct + set.featureWidth());
    for (int from = 0; from < n; from += ENCODE_CHUNK) {
      int to = Math.min(n, from + ENCODE_CHUNK);
      INDArray x = set.inputs(idx, from, to);
      INDArray h = encoder.encode(x);
      INDArray f = set.features(idx, from, to);
      INDArray rows = direct == 0 ? Nd4j.concat(1, h, f)
          : Nd4j.concat(1, h, x.reshape(to - from, steps).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
              org.nd4j.linalg.indexing.NDArrayIndex.interval(steps - direct, steps)), f);
      out.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to), org.nd4j.linalg.indexing.NDArrayIndex.all())
          .assign(rows);
    }
    return out;
  }

  /**
   * MC-dropout samples for every row of {@code inputs}: row {@code k}'s {@code B} samples are at
   * {@code [k * B, (k + 1) * B)}. Each row's masks come from its own seed, so a row gets the same
   * samples whether it is forecast alone or in a batch.
   */
  private static float[] mcSamples(PredictionMlp mlp, INDArray inputs, WindowSet set, int[] sampleOf, HybridConfig c,
      Log1pZScore norm) {
    int n = (int) inputs.size(0);
    int b = c.mcPasses();
    int[] widths = c.mlpWidthArray();
    float[] out = new float[n * b];
    int rowsPerChunk = Math.max(1, MLP_CHUNK_ROWS / b);
    for (int from = 0; from < n; from += rowsPerChunk) {
      int to = Math.min(n, from + rowsPerChunk);
      int rows = (to - from) * b;
      INDArray x = inputs.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
          org.nd4j.linalg.indexing.NDArrayIndex.all()).repeat(0, b);
      INDArray[] masks = new INDArray[widths.length];
      for (int l = 0; l < widths.length; l++) {
        masks[l] = Nd4j.create(DataType.FLOAT, rows, widths[l]);
      }
      for (int k = from; k < to; k++) {
        SplittableRandom r = new SplittableRandom(rowSeed(c.seed(), set, sampleOf == null ? k : sampleOf[k]));
        INDArray[] m = DropoutMasks.draw(b, widths, c.dropout(), r);
        for (int l = 0; l < widths.length; l++) {
          masks[l].get(org.nd4j.linalg.indexing.NDArrayIndex.interval((k - from) * b, (k - from + 1) * b),
              org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(m[l]);
        }
      }
      float[] p = mlp.predict(x, masks).data().asFloat();
      System.arraycopy(p, 0, out, from * b, rows);
    }
    return out;
  }

  private static long rowSeed(long seed, WindowSet set, int k) {
    long h = seed;
    for (int j = 0; j < set.inputSteps(); j++) {
      h = h * 0x9E3779B97F4A7C15L + Float.floatToIntBits(set.input(k, j));
    }
    h = h * 0x9E3779B97F4A7C15L + set.featureHash(k);
    return new SplittableRandom(h).nextLong();
  }

  @Override
  public Forecast forecast(InvocationSeries recent) {
    State s = requireState();
    SeriesChecks.recent(NAME, recent, config.inputSteps());
    return forecastRange(s, recent, recent.size(), recent.size() + 1).get(0);
  }

  /**
   * The deterministic forecast without dropout (the network's plain output, de-normalized and
   * clamped at 0): no sampling, so the same input always gives exactly the same number.
   *
   * @param recent the function's history, at least {@link #minHistory()} windows
   * @return the predicted count of the next window
   * @throws IllegalStateException before {@code fit}
   * @throws IllegalArgumentException if {@code recent} is too short
   */
  public double forecastWithoutDropout(InvocationSeries recent) {
    State s = requireState();
    SeriesChecks.recent(NAME, recent, config.inputSteps());
    WindowSet set = WindowSet.forForecast(recent, recent.size(), recent.size() + 1, s.norm, config.inputSteps(),
        config.seasonalLag());
    double z;
    synchronized (s) {
      z = s.mlp.predict(mlpInputs(s.encoder, set, config.directInputs()), null).getDouble(0);
    }
    return s.norm.toCount(z);
  }

  @Override
  public List<Forecast> forecastRolling(InvocationSeries series, int from) {
    State s = requireState();
    return NetForecasters.rolling(series, from, minHistory(), ENCODE_CHUNK, (a, b) -> forecastRange(s, series, a, b));
  }

  private List<Forecast> forecastRange(State s, InvocationSeries series, int from, int to) {
    WindowSet set = WindowSet.forForecast(series, from, to, s.norm, config.inputSteps(), config.seasonalLag());
    float[] z;
    synchronized (s) {
      INDArray in = mlpInputs(s.encoder, set, config.directInputs());
      z = mcSamples(s.mlp, in, set, null, config, s.norm);
    }
    int b = config.mcPasses();
    List<Forecast> out = new ArrayList<>(set.size());
    for (int k = 0; k < set.size(); k++) {
      out.add(s.noise.forecast(McSummary.meanLog(z, k * b, b, s.norm), McSummary.counts(z, k * b, b, s.norm)));
    }
    return out;
  }

  private State requireState() {
    return NetForecasters.fitted(state, NAME);
  }

  @Override
  public void save(OutputStream out) throws IOException {
    State s = state;
    if (s == null) {
      throw new IllegalStateException(NAME + ": cannot save before fit");
    }
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    synchronized (s) {
      ModelFile.putPart(arrays, "encoder", s.encoder.weights());
      ModelFile.putPart(arrays, "mlp", s.mlp.weights());
    }
    NetForecasters.save(out, NAME, new Meta(config, s.norm, s.noise, s.summary), arrays);
  }

  /**
   * Restores a forecaster written by {@link #save}.
   *
   * @param in the stream; not closed
   * @return the fitted forecaster
   * @throws IOException if reading fails or the stream is not a saved hybrid forecaster
   */
  public static HybridBayesianForecaster load(InputStream in) throws IOException {
    NetForecasters.Loaded<Meta> file = NetForecasters.load(in, NAME, Meta.class);
    Meta meta = file.meta();
    HybridConfig c = meta.config();
    if (c == null || meta.normalization() == null || meta.noise() == null || meta.summary() == null) {
      throw new IOException("model metadata incomplete (config, normalization, noise and summary are required; "
          + "models saved before the residual noise model must be retrained)");
    }
    SplittableRandom unused = new SplittableRandom(c.seed());
    SequenceNet encoder = SequenceNet.create(c.inputSteps(), c.encoderLayers(), c.encoderHidden(), c.decoderHidden(),
        c.outputSteps(), c.encoderLearningRate(), unused.split());
    PredictionMlp mlp = PredictionMlp.create(mlpInputWidth(c), c.mlpWidthArray(), c.predictionLearningRate(),
        unused.split());
    try {
      encoder.setWeights(ModelFile.part(file.arrays(), "encoder"));
      mlp.setWeights(ModelFile.part(file.arrays(), "mlp"));
    } catch (IllegalArgumentException e) {
      throw NetForecasters.weightsMismatch(e);
    }
    return new HybridBayesianForecaster(c,
        new State(meta.normalization(), encoder, mlp, meta.noise(), meta.summary()));
  }

  /** The JSON metadata of a saved model. */
  record Meta(HybridConfig config, Log1pZScore normalization, ResidualNoise noise, TrainingSummary summary) {}

  /** The trained networks; forecasts lock on it. */
  private static final class State {
    final Log1pZScore norm;
    final SequenceNet encoder;
    final PredictionMlp mlp;
    final ResidualNoise noise;
    final TrainingSummary summary;

    State(Log1pZScore norm, SequenceNet encoder, PredictionMlp mlp, ResidualNoise noise, TrainingSummary summary) {
      this.norm = norm;
      this.encoder = encoder;
      this.mlp = mlp;
      this.noise = noise;
      this.summary = summary;
    }
  }
}
