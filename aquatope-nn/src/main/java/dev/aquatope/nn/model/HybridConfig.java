package dev.aquatope.nn.model;

import dev.aquatope.core.util.Checks;
import java.util.List;

/**
 * Every hyperparameter of the hybrid Bayesian forecaster (the prototype's command line, plus the
 * knobs that keep training within a minute on two cores).
 *
 * @param inputSteps windows the encoder reads (prototype: 48)
 * @param outputSteps windows the pre-training decoder predicts (prototype: 12)
 * @param encoderLayers stacked LSTM layers of the encoder (paper: 2)
 * @param encoderHidden hidden units of each encoder layer (paper: 64)
 * @param decoderHidden hidden units of the decoder LSTM (paper: 16)
 * @param mlpWidths widths of the prediction network's tanh layers (three in the paper)
 * @param dropout drop probability of the encoder's variational dropout and the MLP's dropout, in
 *     {@code [0, 1)} (prototype: 0.25); MC dropout needs it {@code > 0}
 * @param encoderEpochs most pre-training epochs (prototype: 128)
 * @param predictionEpochs most prediction-network epochs (prototype: 128)
 * @param batchSize minibatch size (prototype: 128)
 * @param encoderLearningRate Adam learning rate of the encoder-decoder (prototype: 1e-4)
 * @param predictionLearningRate Adam learning rate of the prediction network (prototype: 1e-3)
 * @param encoderSamplesPerEpoch training windows visited per pre-training epoch (a seeded random
 *     subset; the LSTM backward pass costs about 2 ms per window, so visiting all of a week's 8000
 *     windows per epoch would take 20 s per epoch)
 * @param patience epochs without a better validation loss before stopping
 * @param mcPasses MC-dropout samples per forecast, run as one batched forward pass (paper: B)
 * @param seasonalLag if {@code > 0}, the prediction network also sees the normalized counts of the
 *     windows one {@code seasonalLag} earlier (default 1440: the same minute yesterday), which the
 *     48-window encoder cannot see; 0 keeps the paper's features only
 * @param directInputs how many of the latest normalized counts of the input window the prediction
 *     network also reads directly (a skip path around the encoder, so that it can at least reproduce
 *     "the last value" and short periods exactly), in {@code [0, inputSteps]}; 0 keeps the paper's
 *     encoder-only input
 * @param noiseNeighbours how many validation residuals form each forecast's noise distribution:
 *     those of the validation windows whose predicted level is nearest ({@link ResidualNoise})
 * @param seed seed of weights, sample order, dropout masks and MC sampling
 */
public record HybridConfig(int inputSteps, int outputSteps, int encoderLayers, int encoderHidden, int decoderHidden,
    List<Integer> mlpWidths, double dropout, int encoderEpochs, int predictionEpochs, int batchSize,
    double encoderLearningRate, double predictionLearningRate, int encoderSamplesPerEpoch, int patience,
    int mcPasses, int seasonalLag, int directInputs, int noiseNeighbours, long seed) {

  /** Default seed. */
  public static final long DEFAULT_SEED = 42L;

  /** Validates every field. */
  public HybridConfig {
    Checks.positive("inputSteps", inputSteps);
    Checks.positive("outputSteps", outputSteps);
    Checks.positive("encoderLayers", encoderLayers);
    Checks.positive("encoderHidden", encoderHidden);
    Checks.positive("decoderHidden", decoderHidden);
    Checks.notNull("mlpWidths", mlpWidths);
    if (mlpWidths.isEmpty()) {
      throw new IllegalArgumentException("mlpWidths must not be empty");
    }
    for (int i = 0; i < mlpWidths.size(); i++) {
      Checks.notNull("mlpWidths[" + i + "]", mlpWidths.get(i));
      Checks.positive("mlpWidths[" + i + "]", mlpWidths.get(i));
    }
    mlpWidths = List.copyOf(mlpWidths);
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), was " + dropout);
    }
    Checks.positive("encoderEpochs", encoderEpochs);
    Checks.positive("predictionEpochs", predictionEpochs);
    Checks.positive("batchSize", batchSize);
    Checks.positive("encoderLearningRate", encoderLearningRate);
    Checks.positive("predictionLearningRate", predictionLearningRate);
    Checks.positive("encoderSamplesPerEpoch", encoderSamplesPerEpoch);
    Checks.positive("patience", patience);
    Checks.positive("mcPasses", mcPasses);
    Checks.nonNegative("seasonalLag", seasonalLag);
    Checks.nonNegative("directInputs", directInputs);
    if (directInputs > inputSteps) {
      throw new IllegalArgumentException("directInputs must be <= inputSteps (" + inputSteps + "), was "
          + directInputs);
    }
    Checks.positive("noiseNeighbours", noiseNeighbours);
  }

  /** The defaults, with seed {@link #DEFAULT_SEED}. */
  public static HybridConfig defaults() {
    return newBuilder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** A builder starting from this configuration's values (each may be set once more). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.inputSteps = inputSteps;
    b.outputSteps = outputSteps;
    b.encoderLayers = encoderLayers;
    b.encoderHidden = encoderHidden;
    b.decoderHidden = decoderHidden;
    b.mlpWidths = mlpWidths;
    b.dropout = dropout;
    b.encoderEpochs = encoderEpochs;
    b.predictionEpochs = predictionEpochs;
    b.batchSize = batchSize;
    b.encoderLearningRate = encoderLearningRate;
    b.predictionLearningRate = predictionLearningRate;
    b.encoderSamplesPerEpoch = encoderSamplesPerEpoch;
    b.patience = patience;
    b.mcPasses = mcPasses;
    b.seasonalLag = seasonalLag;
    b.directInputs = directInputs == inputSteps ? -1 : directInputs;
    b.noiseNeighbours = noiseNeighbours;
    b.seed = seed;
    return b;
  }

  /** The MLP widths as an array. */
  int[] mlpWidthArray() {
    return mlpWidths.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Builds a {@link HybridConfig}; each setter validates its argument and may be called once.
   */
  public static final class Builder {
    private final java.util.Set<String> set = new java.util.HashSet<>();
    private int inputSteps = 48;
    private int outputSteps = 12;
    private int encoderLayers = 2;
    private int encoderHidden = 64;
    private int decoderHidden = 16;
    private List<Integer> mlpWidths = List.of(128, 64, 16);
    private double dropout = 0.25;
    private int encoderEpochs = 10;
    private int predictionEpochs = 64;
    private int batchSize = 128;
    private double encoderLearningRate = 1e-3;
    private double predictionLearningRate = 1e-3;
    private int encoderSamplesPerEpoch = 1024;
    private int patience = 4;
    private int mcPasses = 32;
    private int seasonalLag = 1440;
    private int directInputs = -1;
    private int noiseNeighbours = 100;
    private long seed = DEFAULT_SEED;

    private Builder() {}

    private void once(String name) {
      if (!set.add(name)) {
        throw new IllegalStateException(name + " was already set");
      }
    }

    /**
     * Sets the encoder's input length.
     *
     * @param v windows, {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code v < 1}
     * @throws IllegalStateException if already set
     */
    public Builder inputSteps(int v) {
      Checks.positive("inputSteps", v);
      once("inputSteps");
      inputSteps = v;
      return this;
    }

    /**
     * Sets the decoder's horizon.
     *
     * @param v windows, {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code v < 1}
     * @throws IllegalStateException if already set
     */
    public Builder outputSteps(int v) {
      Checks.positive("outputSteps", v);
      once("outputSteps");
      outputSteps = v;
      return this;
    }

    /**
     * Sets the number of stacked encoder layers.
     *
     * @param v layers, {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code v < 1}
     * @throws IllegalStateException if already set
     */
    public Builder encoderLayers(int v) {
      Checks.positive("encoderLayers", v);
      once("encoderLayers");
      encoderLayers = v;
      return this;
    }

    /**
     * Sets the encoder's hidden units.
     *
     * @param v units, {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code v < 1}
     * @throws IllegalStateException if already set
     */
    public Builder encoderHidden(int v) {
      Checks.positive("encoderHidden", v);
      once("encoderHidden");
      encoderHidden = v;
      return this;
    }

    /**
     * Sets the decoder's hidden units.
     *
     * @param v units, {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code v < 1}
     * @throws IllegalStateException if already set
     */
    public Builder decoderHidden(int v) {
      Checks.positive("decoderHidden", v);
      once("decoderHidden");
      decoderHidden = v;
      return this;
    }

    /**
     * Sets the prediction network's layer widths.
     *
     * @param v widths, each {@code >= 1}, at least one
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if empty or a width is {@code < 1}
     * @throws IllegalStateException if already set
     */
    public Builder mlpWidths(List<Integer> v) {
      Checks.notNull("mlpWidths", v);
      if (v.isEmpty()) {
        throw new IllegalArgumentException("mlpWidths must not be empty");
      }
      for (int i = 0; i < v.size(); i++) {
        Checks.notNull("mlpWidths[" + i + "]", v.get(i));
        Checks.positive("mlpWidths[" + i + "]", v.get(i));
      }
      once("mlpWidths");
      mlpWidths = List.copyOf(v);
      return this;
    }

    /**
     * Sets the dropout probability.
     *
     * @param v in {@code [0, 1)}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if outside {@code [0, 1)}
     * @throws IllegalStateException if already set
     */
    public Builder dropout(double v) {
      if (!(v >= 0 && v < 1)) {
        throw new IllegalArgumentException("dropout must be in [0, 1), was " + v);
      }
      once("dropout");
      dropout = v;
      return this;
    }

    /**
     * Sets the most pre-training epochs.
     *
     * @param v epochs, {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code v < 1}
     * @throws IllegalStateException if already set
     */
    public Builder encoderEpochs(int v) {
      Checks.positive("encoderEpochs", v);
      once("encoderEpochs");
      encoderEpochs = v;
      return this;
    }

    /**
     * Sets the most prediction-network epochs.
     *
     * @param v epochs, {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code v < 1}
     * @throws IllegalStateException if already set
     */
    public Builder predictionEpochs(int v) {
      Checks.positive("predictionEpochs", v);
      once("predictionEpochs");
      predictionEpochs = v;
      return this;
    }

    /**
     * Sets the minibatch size.
     *
     * @param v samples, {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code v < 1}
     * @throws IllegalStateException if already set
     */
    public Builder batchSize(int v) {
      Checks.positive("batchSize", v);
      once("batchSize");
      batchSize = v;
      return this;
    }

    /**
     * Sets the encoder-decoder's learning rate.
     *
     * @param v finite, {@code > 0}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if not finite and positive
     * @throws IllegalStateException if already set
     */
    public Builder encoderLearningRate(double v) {
      Checks.positive("encoderLearningRate", v);
      once("encoderLearningRate");
      encoderLearningRate = v;
      return this;
    }

    /**
     * Sets the prediction network's learning rate.
     *
     * @param v finite, {@code > 0}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if not finite and positive
     * @throws IllegalStateException if already set
     */
    public Builder predictionLearningRate(double v) {
      Checks.positive("predictionLearningRate", v);
      once("predictionLearningRate");
      predictionLearningRate = v;
      return this;
    }

    /**
     * Sets the training windows visited per pre-training epoch.
     *
     * @param v samples, {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code v < 1}
     * @throws IllegalStateException if already set
     */
    public Builder encoderSamplesPerEpoch(int v) {
      Checks.positive("encoderSamplesPerEpoch", v);
      once("encoderSamplesPerEpoch");
      encoderSamplesPerEpoch = v;
      return this;
    }

    /**
     * Sets the early-stopping patience.
     *
     * @param v epochs, {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code v < 1}
     * @throws IllegalStateException if already set
     */
    public Builder patience(int v) {
      Checks.positive("patience", v);
      once("patience");
      patience = v;
      return this;
    }

    /**
     * Sets the number of MC-dropout passes per forecast.
     *
     * @param v passes, {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code v < 1}
     * @throws IllegalStateException if already set
     */
    public Builder mcPasses(int v) {
      Checks.positive("mcPasses", v);
      once("mcPasses");
      mcPasses = v;
      return this;
    }

    /**
     * Sets the seasonal lag of the prediction network's extra features.
     *
     * @param v windows, {@code >= 0} (0: none)
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code v < 0}
     * @throws IllegalStateException if already set
     */
    public Builder seasonalLag(int v) {
      Checks.nonNegative("seasonalLag", v);
      once("seasonalLag");
      seasonalLag = v;
      return this;
    }

    /**
     * Sets how many of the latest input windows the prediction network reads directly (default: the
     * whole input window, {@code inputSteps}).
     *
     * @param v windows, {@code >= 0} and at most {@code inputSteps} (checked by {@link #build()})
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code v < 0}
     * @throws IllegalStateException if already set
     */
    public Builder directInputs(int v) {
      Checks.nonNegative("directInputs", v);
      once("directInputs");
      directInputs = v;
      return this;
    }

    /**
     * Sets how many validation residuals form each forecast's noise distribution (default 100).
     *
     * @param v residuals, {@code >= 1} (capped by the number of validation windows)
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code v < 1}
     * @throws IllegalStateException if already set
     */
    public Builder noiseNeighbours(int v) {
      Checks.positive("noiseNeighbours", v);
      once("noiseNeighbours");
      noiseNeighbours = v;
      return this;
    }

    /**
     * Sets the seed.
     *
     * @param v any value
     * @return this builder (for chaining)
     * @throws IllegalStateException if already set
     */
    public Builder seed(long v) {
      once("seed");
      seed = v;
      return this;
    }

    /**
     * Builds the configuration; the builder is not changed.
     *
     * @return the configuration
     * @throws IllegalArgumentException if MC dropout is asked for without dropout
     */
    public HybridConfig build() {
      int direct = directInputs < 0 ? inputSteps : directInputs;
      if (direct > inputSteps) {
        throw new IllegalArgumentException("directInputs must be <= inputSteps, was directInputs " + directInputs
            + " with inputSteps " + inputSteps);
      }
      if (mcPasses > 1 && dropout == 0) {
        throw new IllegalArgumentException("mcPasses > 1 needs dropout > 0 (MC dropout), was mcPasses "
            + mcPasses + " with dropout 0");
      }
      return new HybridConfig(inputSteps, outputSteps, encoderLayers, encoderHidden, decoderHidden, mlpWidths,
          dropout, encoderEpochs, predictionEpochs, batchSize, encoderLearningRate, predictionLearningRate,
          encoderSamplesPerEpoch, patience, mcPasses, seasonalLag, direct, noiseNeighbours, seed);
    }
  }
}
