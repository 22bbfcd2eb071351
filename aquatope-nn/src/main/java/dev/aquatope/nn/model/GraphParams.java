package dev.aquatope.nn.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMActivations;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDataFormat;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDirectionMode;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMLayerConfig;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.weights.LSTMLayerWeights;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds the layers of a SameDiff graph with weights drawn from a seeded generator, and reads or
 * writes all trainable weights by name.
 *
 * <p>Weights are initialized here rather than by ND4J's global random generator so that a seed
 * fully determines them, whatever else the process does with ND4J.
 */
final class GraphParams {
  private final SameDiff sd;
  private final SplittableRandom rng;
  private final Map<String, SDVariable> vars = new LinkedHashMap<>();

  GraphParams(SameDiff sd, SplittableRandom rng) {
    this.sd = sd;
    this.rng = rng;
  }

  /**
   * Adds an LSTM layer (the native fused {@code lstmLayer} op; batch-major {@code [batch, time,
   * features]}).
   *
   * @param name prefix of the weights' names
   * @param x input {@code [batch, time, nIn]}
   * @param nIn input width
   * @param nOut hidden units
   * @param fullSequence return {@code [batch, time, nOut]} if true, else the last step
   *     {@code [batch, nOut]}
   * @return the layer output
   */
  SDVariable lstm(String name, SDVariable x, int nIn, int nOut, boolean fullSequence) {
    SDVariable wx = var(name + "_Wx", uniform(nIn, 4 * nOut, Math.sqrt(6.0 / (nIn + nOut))));
    SDVariable wr = var(name + "_Wr", uniform(nOut, 4 * nOut, Math.sqrt(6.0 / (2 * nOut))));
    float[] b = new float[4 * nOut];
    // Gate order of lstmLayer is input, forget, cell, output: a forget-gate bias of 1 lets the
    // cell remember from the start of training.
    for (int i = nOut; i < 2 * nOut; i++) {
      b[i] = 1f;
    }
    SDVariable bias = var(name + "_b", Nd4j.create(b, new long[] {4 * nOut}, DataType.FLOAT));
    LSTMLayerConfig cfg = LSTMLayerConfig.builder().lstmdataformat(LSTMDataFormat.NTS)
        .directionMode(LSTMDirectionMode.FWD).gateAct(LSTMActivations.SIGMOID).cellAct(LSTMActivations.TANH)
        .outAct(LSTMActivations.TANH).retFullSequence(fullSequence).retLastH(!fullSequence).retLastC(false)
        .build();
    return sd.rnn().lstmLayer(x, LSTMLayerWeights.builder().weights(wx).rWeights(wr).bias(bias).build(), cfg)[0];
  }

  /**
   * Adds a fully connected layer {@code x W + b}.
   *
   * @param name prefix of the weights' names
   * @param x input {@code [batch, nIn]}
   * @param nIn input width
   * @param nOut output width
   * @return the pre-activation {@code [batch, nOut]}
   */
  SDVariable dense(String name, SDVariable x, int nIn, int nOut) {
    SDVariable w = var(name + "_W", uniform(nIn, nOut, Math.sqrt(6.0 / (nIn + nOut))));
    SDVariable b = var(name + "_b", Nd4j.zeros(DataType.FLOAT, 1, nOut));
    return x.mmul(w).add(b);
  }

  /** The trainable variables in creation order. */
  Map<String, SDVariable> variables() {
    return vars;
  }

  private SDVariable var(String name, INDArray init) {
    SDVariable v = sd.var(name, init);
    vars.put(name, v);
    return v;
  }

  private INDArray uniform(int rows, int cols, double limit) {
    float[] a = new float[rows * cols];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) ((rng.nextDouble() * 2 - 1) * limit);
    }
    return Nd4j.create(a, new long[] {rows, cols}, DataType.FLOAT);
  }

  /**
   * Copies every variable's current value.
   *
   * @param vars the variables
   * @return name to a detached copy of the value
   */
  static Map<String, INDArray> snapshot(Map<String, SDVariable> vars) {
    Map<String, INDArray> out = new LinkedHashMap<>();
    vars.forEach((n, v) -> out.put(n, v.getArr().dup()));
    return out;
  }

  /**
   * Overwrites every variable with the given values.
   *
   * @param vars the variables
   * @param values name to value; must hold every variable with the same shape
   * @throws IllegalArgumentException if a value is missing or has another shape
   */
  static void restore(Map<String, SDVariable> vars, Map<String, INDArray> values) {
    for (Map.Entry<String, SDVariable> e : vars.entrySet()) {
      INDArray v = values.get(e.getKey());
      INDArray cur = e.getValue().getArr();
      if (v == null) {
        throw new IllegalArgumentException("missing weights '" + e.getKey() + "'");
      }
      if (!java.util.Arrays.equals(v.shape(), cur.shape())) {
        throw new IllegalArgumentException("weights '" + e.getKey() + "' have shape "
            + java.util.Arrays.toString(v.shape()) + ", expected " + java.util.Arrays.toString(cur.shape()));
      }
      cur.assign(v.castTo(DataType.FLOAT));
    }
  }
}
