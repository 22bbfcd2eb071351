package dev.aquatope.nn.model;

import dev.aquatope.core.model.Forecast;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.spi.InvocationForecaster;
import dev.aquatope.core.util.Checks;
import dev.aquatope.nn.data.Log1pZScore;
import dev.aquatope.nn.data.Split;
import dev.aquatope.nn.data.WindowSet;
import dev.aquatope.nn.train.EarlyStoppingTrainer;
import dev.aquatope.nn.train.EpochListener;
import dev.aquatope.nn.train.MinibatchModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The vanilla LSTM baseline of the AQUATOPE paper's Table 1: a stacked LSTM over the last
 * {@code inputSteps} normalized counts with a linear head predicting the next window; no external
 * features, no dropout, no model uncertainty.
 *
 * <p>Same data handling as {@link HybridBayesianForecaster} ({@code log1p} + z-score fitted on the
 * training split, chronological 80/10/10 split, early stopping, outputs clamped at 0). Its
 * {@link Forecast#std()} is the constant RMSE of its predictions on the validation split, in
 * counts, so that quantile-based pool sizes can still be computed from it.
 *
 * <p>Thread-safety, determinism and native memory (each {@code fit} leaks inside ND4J's LSTM
 * backward pass) as in {@link HybridBayesianForecaster}.
 */
public final class LstmForecaster implements InvocationForecaster {
  /** The ServiceLoader name. */
  public static final String NAME = "lstm";
  private static final int CHUNK = 512;

  private final LstmConfig config;
  private volatile State state;

  private LstmForecaster(LstmConfig config, State state) {
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
  public static LstmForecaster create(LstmConfig config) {
    return new LstmForecaster(Checks.notNull("config", config), null);
  }

  /** The hyperparameters. */
  public LstmConfig config() {
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

  /** Fewest windows each training series needs. */
  public int minFitWindows() {
    return Split.minSeriesWindows(config.inputSteps(), 1); // one-step-ahead target
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
    LstmConfig c = config;
    Log1pZScore norm = Log1pZScore.fit(HybridBayesianForecaster.trainingCounts(history));
    SplittableRandom rng = new SplittableRandom(c.seed());
    WindowSet train = WindowSet.of(history, Split.TRAIN, norm, c.inputSteps(), 1, 1, 0);
    WindowSet val = WindowSet.of(history, Split.VALIDATION, norm, c.inputSteps(), 1, 1, 0);
    SequenceNet net = SequenceNet.create(c.inputSteps(), c.layers(), c.hidden(), 0, 1, c.learningRate(), rng.split());
    int[] vIdx = val.allIndices();
    INDArray vx = val.inputs(vIdx, 0, vIdx.length);
    INDArray vy = val.targets(vIdx, 0, vIdx.length);
    INDArray[] noDropout = null;
    MinibatchModel m = new MinibatchModel() {
      @Override
      public void fitBatch(int[] idx, int from, int to, SplittableRandom r) {
        INDArray ones = Nd4j.ones(DataType.FLOAT, to - from, c.hidden());
        INDArray[] masks = new INDArray[c.layers()];
        Arrays.fill(masks, ones);
        net.fitBatch(train.inputs(idx, from, to), train.targets(idx, from, to), masks);
      }

      @Override
      public double trainingLoss(int limit) {
        int[] idx = train.allIndices();
        int n = Math.min(limit, idx.length);
        return net.loss(train.inputs(idx, 0, n), train.targets(idx, 0, n));
      }

      @Override
      public double validationLoss() {
        return net.loss(vx, vy);
      }

      @Override
      public Map<String, INDArray> weights() {
        return net.weights();
      }

      @Override
      public void setWeights(Map<String, INDArray> w) {
        net.setWeights(w);
      }
    };
    var epochs = new EarlyStoppingTrainer(NAME, c.epochs(), c.batchSize(), c.samplesPerEpoch(), c.patience())
        .train(m, train.size(), rng.split(), listener);
    float[] z = predictAll(net, val);
    double ssCount = 0;
    double ssLog = 0;
    for (int k = 0; k < val.size(); k++) {
      double r = val.nextCount(k) - norm.toCount(z[k]);
      ssCount += r * r;
      double rl = Math.log1p(val.nextCount(k)) - norm.toLog(z[k]);
      ssLog += rl * rl;
    }
    double std = Math.sqrt(ssCount / val.size());
    TrainingSummary summary = new TrainingSummary(epochs, train.size(), val.size(), ssLog / val.size(),
        Math.sqrt(ssLog / val.size()), System.currentTimeMillis() - t0);
    state = new State(norm, net, std, summary);
    return summary;
  }

  private static float[] predictAll(SequenceNet net, WindowSet set) {
    int[] idx = set.allIndices();
    float[] out = new float[set.size()];
    for (int from = 0; from < set.size(); from += CHUNK) {
      int to = Math.min(set.size(), from + CHUNK);
      float[] p = net.predict(set.inputs(idx, from, to)).data().asFloat();
      System.arraycopy(p, 0, out, from, to - from);
    }
    return out;
  }

  @Override
  public Forecast forecast(InvocationSeries recent) {
    State s = requireState();
    SeriesChecks.recent(NAME, recent, config.inputSteps());
    return range(s, recent, recent.size(), recent.size() + 1).get(0);
  }

  @Override
  public List<Forecast> forecastRolling(InvocationSeries series, int from) {
    State s = requireState();
    return NetForecasters.rolling(series, from, minHistory(), CHUNK, (a, b) -> range(s, series, a, b));
  }

  private List<Forecast> range(State s, InvocationSeries series, int from, int to) {
    WindowSet set = WindowSet.forForecast(series, from, to, s.norm, config.inputSteps(), 0);
    float[] z;
    synchronized (s) {
      z = predictAll(s.net, set);
    }
    List<Forecast> out = new ArrayList<>(z.length);
    for (float v : z) {
      out.add(Forecast.normal(s.norm.toCount(v), s.residualStd));
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
      ModelFile.putPart(arrays, "lstm", s.net.weights());
    }
    NetForecasters.save(out, NAME, new Meta(config, s.norm, s.residualStd, s.summary), arrays);
  }

  /**
   * Restores a forecaster written by {@link #save}.
   *
   * @param in the stream; not closed
   * @return the fitted forecaster
   * @throws IOException if reading fails or the stream is not a saved LSTM forecaster
   */
  public static LstmForecaster load(InputStream in) throws IOException {
    NetForecasters.Loaded<Meta> file = NetForecasters.load(in, NAME, Meta.class);
    Meta meta = file.meta();
    LstmConfig c = meta.config();
    SequenceNet net = SequenceNet.create(c.inputSteps(), c.layers(), c.hidden(), 0, 1, c.learningRate(),
        new SplittableRandom(c.seed()));
    try {
      net.setWeights(ModelFile.part(file.arrays(), "lstm"));
    } catch (IllegalArgumentException e) {
      throw NetForecasters.weightsMismatch(e);
    }
    return new LstmForecaster(c, new State(meta.normalization(), net, meta.residualStd(), meta.summary()));
  }

  /** The JSON metadata of a saved model. */
  record Meta(LstmConfig config, Log1pZScore normalization, double residualStd, TrainingSummary summary) {}

  private static final class State {
    final Log1pZScore norm;
    final SequenceNet net;
    final double residualStd;
    final TrainingSummary summary;

    State(Log1pZScore norm, SequenceNet net, double residualStd, TrainingSummary summary) {
      this.norm = norm;
      this.net = net;
      this.residualStd = residualStd;
      this.summary = summary;
    }
  }
}
