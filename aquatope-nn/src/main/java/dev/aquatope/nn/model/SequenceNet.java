package dev.aquatope.nn.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A stacked-LSTM encoder over a window of normalized counts, followed by either an LSTM decoder
 * that predicts the next {@code outputSteps} windows from the encoder's last hidden state (the
 * hybrid network's pre-training) or a linear head (the vanilla LSTM baseline).
 *
 * <p><b>Variational dropout.</b> The encoder drops whole hidden units with one mask per sequence
 * that is shared by all time steps (Gal and Ghahramani's variational dropout, applied to the
 * outputs of every encoder layer, i.e. to the inputs of the next layer and of the decoder). The
 * masks are placeholders fed by the trainer from its seeded generator, so training is
 * reproducible and inference can switch dropout off by feeding ones. DL4J 1.0.0-M2.1 has no
 * time-shared dropout for recurrent layers ({@code SpatialDropout} is for CNN activations and its
 * per-call masks come from ND4J's global generator), and its {@code LSTM} layer runs a Java loop of
 * small ops per time step (about 24 ms for one 48-step sequence here); the graph uses ND4J's fused
 * native {@code lstmLayer} op instead (about 2.4 ms).
 *
 * <p><b>Native memory.</b> ND4J 1.0.0-M2.1's backward pass of {@code lstmLayer}
 * ({@code lstmLayerTimeLoopBp}) never frees its work arrays (about 31 MB per {@link #fitBatch} with
 * the default sizes, 2.5 GB per default training); neither closing arrays nor GC can reach them.
 * See "Native memory" in the module README and {@code NativeMemoryProbe} in the test sources.
 *
 * <p>Not thread-safe: callers serialize access.
 */
final class SequenceNet {
  static final String INPUT = "x";
  static final String LABEL = "y";
  static final String ENCODING = "encoding";
  static final String PREDICTION = "prediction";
  static final String LOSS = "loss";

  private final SameDiff sd;
  private final Map<String, SDVariable> vars;
  private final int layers;
  private final int hidden;
  private final int outputSteps;

  private SequenceNet(SameDiff sd, Map<String, SDVariable> vars, int layers, int hidden, int outputSteps) {
    this.sd = sd;
    this.vars = vars;
    this.layers = layers;
    this.hidden = hidden;
    this.outputSteps = outputSteps;
  }

  /**
   * Builds the graph with freshly initialized weights.
   *
   * @param inputSteps encoder input length
   * @param layers stacked encoder layers, {@code >= 1}
   * @param hidden encoder hidden units
   * @param decoderHidden decoder LSTM units, or 0 for a linear head
   * @param outputSteps predicted windows
   * @param learningRate Adam learning rate
   * @param rng generator of the initial weights
   * @return the network
   */
  static SequenceNet create(int inputSteps, int layers, int hidden, int decoderHidden, int outputSteps,
      double learningRate, SplittableRandom rng) {
    SameDiff sd = SameDiff.create();
    GraphParams p = new GraphParams(sd, rng);
    SDVariable x = sd.placeHolder(INPUT, DataType.FLOAT, -1, inputSteps, 1);
    SDVariable y = sd.placeHolder(LABEL, DataType.FLOAT, -1, outputSteps);
    List<String> features = new ArrayList<>();
    features.add(INPUT);
    SDVariable h = x;
    int nIn = 1;
    for (int l = 0; l < layers; l++) {
      SDVariable mask = sd.placeHolder(maskName(l), DataType.FLOAT, -1, hidden);
      features.add(maskName(l));
      boolean last = l == layers - 1;
      h = p.lstm("enc" + l, h, nIn, hidden, !last);
      if (last) {
        sd.identity(ENCODING, h);
        h = h.mul(mask);
      } else {
        h = h.mul(sd.expandDims(mask, 1));
      }
      nIn = hidden;
    }
    SDVariable pred;
    if (decoderHidden > 0) {
      SDVariable repeated = sd.expandDims(h, 1).mul(sd.constant(Nd4j.ones(DataType.FLOAT, 1, outputSteps, 1)));
      SDVariable d = p.lstm("dec", repeated, hidden, decoderHidden, true);
      SDVariable flat = sd.reshape(d, -1, decoderHidden);
      pred = sd.reshape(p.dense("decOut", flat, decoderHidden, 1), -1, outputSteps);
    } else {
      pred = p.dense("head", h, hidden, outputSteps);
    }
    sd.identity(PREDICTION, pred);
    sd.math().squaredDifference(pred, y).mean().rename(LOSS);
    sd.setLossVariables(LOSS);
    sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(learningRate))
        .dataSetFeatureMapping(features).dataSetLabelMapping(LABEL).build());
    QuietGradients.create(sd);
    return new SequenceNet(sd, p.variables(), layers, hidden, outputSteps);
  }

  private static String maskName(int layer) {
    return "mask" + layer;
  }

  /**
   * One Adam step on a minibatch.
   *
   * @param x inputs {@code [batch, inputSteps, 1]}
   * @param y targets {@code [batch, outputSteps]}
   * @param masks one inverted-dropout mask {@code [batch, hidden]} per encoder layer
   */
  void fitBatch(INDArray x, INDArray y, INDArray[] masks) {
    INDArray[] f = new INDArray[layers + 1];
    f[0] = x;
    System.arraycopy(masks, 0, f, 1, layers);
    Sessions.prepare(sd);
    sd.fit(new MultiDataSet(f, new INDArray[] {y}));
  }

  /** The mean squared error on {@code (x, y)} without dropout. */
  double loss(INDArray x, INDArray y) {
    Map<String, INDArray> ph = placeholders(x);
    ph.put(LABEL, y);
    Sessions.prepare(sd);
    return sd.outputSingle(ph, LOSS).getDouble(0);
  }

  /** The encoder's last hidden state {@code [batch, hidden]} without dropout. */
  INDArray encode(INDArray x) {
    Sessions.prepare(sd);
    return sd.outputSingle(placeholders(x), ENCODING).dup();
  }

  /** The predictions {@code [batch, outputSteps]} without dropout. */
  INDArray predict(INDArray x) {
    Sessions.prepare(sd);
    return sd.outputSingle(placeholders(x), PREDICTION).dup();
  }

  private Map<String, INDArray> placeholders(INDArray x) {
    Map<String, INDArray> ph = new HashMap<>();
    ph.put(INPUT, x);
    INDArray ones = Nd4j.ones(DataType.FLOAT, x.size(0), hidden);
    for (int l = 0; l < layers; l++) {
      ph.put(maskName(l), ones);
    }
    return ph;
  }

  /** Encoder layers. */
  int layers() {
    return layers;
  }

  /** Encoder hidden units. */
  int hidden() {
    return hidden;
  }

  /** Predicted windows. */
  int outputSteps() {
    return outputSteps;
  }

  /** Detached copies of the weights, by name. */
  Map<String, INDArray> weights() {
    return GraphParams.snapshot(vars);
  }

  /** Overwrites the weights. */
  void setWeights(Map<String, INDArray> w) {
    GraphParams.restore(vars, w);
  }
}
