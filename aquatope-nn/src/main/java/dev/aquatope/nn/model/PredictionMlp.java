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
 * The prediction network: fully connected tanh layers, each followed by dropout, then a linear
 * output of the next window's normalized count.
 *
 * <p>The dropout masks are placeholders (inverted dropout: 0 or {@code 1 / (1 - p)}), fed by the
 * caller from a seeded generator. MC-dropout inference feeds {@code B} different masks to {@code B}
 * copies of the same input in one batched forward pass.
 *
 * <p>Not thread-safe: callers serialize access.
 */
final class PredictionMlp {
  static final String INPUT = "features";
  static final String LABEL = "y";
  static final String PREDICTION = "prediction";
  static final String LOSS = "loss";

  private final SameDiff sd;
  private final Map<String, SDVariable> vars;
  private final int[] widths;

  private PredictionMlp(SameDiff sd, Map<String, SDVariable> vars, int[] widths) {
    this.sd = sd;
    this.vars = vars;
    this.widths = widths;
  }

  /**
   * Builds the network with freshly initialized weights.
   *
   * @param nIn input width (encoder state plus external features)
   * @param widths hidden layer widths
   * @param learningRate Adam learning rate
   * @param rng generator of the initial weights
   * @return the network
   */
  static PredictionMlp create(int nIn, int[] widths, double learningRate, SplittableRandom rng) {
    SameDiff sd = SameDiff.create();
    GraphParams p = new GraphParams(sd, rng);
    SDVariable h = sd.placeHolder(INPUT, DataType.FLOAT, -1, nIn);
    SDVariable y = sd.placeHolder(LABEL, DataType.FLOAT, -1, 1);
    List<String> features = new ArrayList<>();
    features.add(INPUT);
    int in = nIn;
    for (int l = 0; l < widths.length; l++) {
      SDVariable mask = sd.placeHolder(maskName(l), DataType.FLOAT, -1, widths[l]);
      features.add(maskName(l));
      h = sd.math().tanh(p.dense("fc" + l, h, in, widths[l])).mul(mask);
      in = widths[l];
    }
    SDVariable pred = p.dense("out", h, in, 1);
    sd.identity(PREDICTION, pred);
    sd.math().squaredDifference(pred, y).mean().rename(LOSS);
    sd.setLossVariables(LOSS);
    sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(learningRate))
        .dataSetFeatureMapping(features).dataSetLabelMapping(LABEL).build());
    QuietGradients.create(sd);
    return new PredictionMlp(sd, p.variables(), widths.clone());
  }

  private static String maskName(int layer) {
    return "drop" + layer;
  }

  /** Hidden layer widths. */
  int[] widths() {
    return widths.clone();
  }

  /**
   * One Adam step on a minibatch.
   *
   * @param x inputs {@code [batch, nIn]}
   * @param y targets {@code [batch, 1]}
   * @param masks one inverted-dropout mask {@code [batch, width]} per hidden layer
   */
  void fitBatch(INDArray x, INDArray y, INDArray[] masks) {
    INDArray[] f = new INDArray[widths.length + 1];
    f[0] = x;
    System.arraycopy(masks, 0, f, 1, widths.length);
    Sessions.prepare(sd);
    sd.fit(new MultiDataSet(f, new INDArray[] {y}));
  }

  /**
   * Forward pass with the given masks (ones for deterministic inference).
   *
   * @param x inputs {@code [batch, nIn]}
   * @param masks one mask per hidden layer, or null for no dropout
   * @return predictions {@code [batch, 1]}
   */
  INDArray predict(INDArray x, INDArray[] masks) {
    Map<String, INDArray> ph = new HashMap<>();
    ph.put(INPUT, x);
    for (int l = 0; l < widths.length; l++) {
      ph.put(maskName(l), masks == null ? Nd4j.ones(DataType.FLOAT, x.size(0), widths[l]) : masks[l]);
    }
    Sessions.prepare(sd);
    return sd.outputSingle(ph, PREDICTION).dup();
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
