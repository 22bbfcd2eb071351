package dev.aquatope.nn.model;

import dev.aquatope.core.util.Checks;
import java.util.HashSet;
import java.util.Set;

/**
 * Hyperparameters of the vanilla LSTM baseline: the hybrid network's encoder with a linear head
 * predicting the next window, no external features, no dropout.
 *
 * @param inputSteps windows the LSTM reads (48)
 * @param layers stacked LSTM layers (2)
 * @param hidden hidden units per layer (64)
 * @param epochs most epochs
 * @param batchSize minibatch size (128)
 * @param learningRate Adam learning rate
 * @param samplesPerEpoch training windows visited per epoch (a seeded random subset)
 * @param patience epochs without a better validation loss before stopping
 * @param seed seed of weights and sample order
 */
public record LstmConfig(int inputSteps, int layers, int hidden, int epochs, int batchSize, double learningRate,
    int samplesPerEpoch, int patience, long seed) {

  /** Validates every field. */
  public LstmConfig {
    Checks.positive("inputSteps", inputSteps);
    Checks.positive("layers", layers);
    Checks.positive("hidden", hidden);
    Checks.positive("epochs", epochs);
    Checks.positive("batchSize", batchSize);
    Checks.positive("learningRate", learningRate);
    Checks.positive("samplesPerEpoch", samplesPerEpoch);
    Checks.positive("patience", patience);
  }

  /** The defaults, with seed {@link HybridConfig#DEFAULT_SEED}. */
  public static LstmConfig defaults() {
    return newBuilder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** Builds an {@link LstmConfig}; each setter validates its argument and may be called once. */
  public static final class Builder {
    private final Set<String> set = new HashSet<>();
    private int inputSteps = 48;
    private int layers = 2;
    private int hidden = 64;
    private int epochs = 10;
    private int batchSize = 128;
    private double learningRate = 1e-3;
    private int samplesPerEpoch = 1024;
    private int patience = 4;
    private long seed = HybridConfig.DEFAULT_SEED;

    private Builder() {}

    private void once(String name) {
      if (!set.add(name)) {
        throw new IllegalStateException(name + " was already set");
      }
    }

    /**
     * Sets the input length.
     *
     * @param v windows, {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code v < 1}
     * @throws IllegalStateException if already set
     */
    public Builder inputSteps(int v) {
      once("inputSteps");
      inputSteps = Checks.positive("inputSteps", v);
      return this;
    }

    /**
     * Sets the number of stacked layers.
     *
     * @param v layers, {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code v < 1}
     * @throws IllegalStateException if already set
     */
    public Builder layers(int v) {
      once("layers");
      layers = Checks.positive("layers", v);
      return this;
    }

    /**
     * Sets the hidden units per layer.
     *
     * @param v units, {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code v < 1}
     * @throws IllegalStateException if already set
     */
    public Builder hidden(int v) {
      once("hidden");
      hidden = Checks.positive("hidden", v);
      return this;
    }

    /**
     * Sets the most epochs.
     *
     * @param v epochs, {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code v < 1}
     * @throws IllegalStateException if already set
     */
    public Builder epochs(int v) {
      once("epochs");
      epochs = Checks.positive("epochs", v);
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
      once("batchSize");
      batchSize = Checks.positive("batchSize", v);
      return this;
    }

    /**
     * Sets the learning rate.
     *
     * @param v finite, {@code > 0}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if not finite and positive
     * @throws IllegalStateException if already set
     */
    public Builder learningRate(double v) {
      once("learningRate");
      learningRate = Checks.positive("learningRate", v);
      return this;
    }

    /**
     * Sets the training windows visited per epoch.
     *
     * @param v samples, {@code >= 1}
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code v < 1}
     * @throws IllegalStateException if already set
     */
    public Builder samplesPerEpoch(int v) {
      once("samplesPerEpoch");
      samplesPerEpoch = Checks.positive("samplesPerEpoch", v);
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
      once("patience");
      patience = Checks.positive("patience", v);
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
     */
    public LstmConfig build() {
      return new LstmConfig(inputSteps, layers, hidden, epochs, batchSize, learningRate, samplesPerEpoch, patience,
          seed);
    }
  }
}
