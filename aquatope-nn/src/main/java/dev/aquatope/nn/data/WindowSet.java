package dev.aquatope.nn.data;

import dev.aquatope.core.model.ExternalFeatures;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.util.Checks;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sliding-window samples cut from series, normalized, as flat {@code float} arrays ready to be
 * batched into ND4J arrays.
 *
 * <p>Sample {@code k} has an input of the {@code inputSteps} normalized counts before its target
 * window {@code t}, the normalized counts of windows {@code t .. t + outputSteps - 1} (the decoder's
 * targets), the {@link ExternalFeatures#encode() external features} of window {@code t}, and the
 * raw count of window {@code t}. Samples are grouped by series in chronological order.
 *
 * <p>Immutable once built.
 */
public final class WindowSet {
  /** Extra features when a seasonal lag is used: the three normalized counts around {@code t - lag} and a flag. */
  public static final int SEASONAL_FEATURES = 4;

  private final int inputSteps;
  private final int outputSteps;
  private final int featureWidth;
  private final int size;
  private final float[] inputs;
  private final float[] targets;
  private final float[] features;
  private final double[] nextCounts;

  private WindowSet(int inputSteps, int outputSteps, int featureWidth, int size, float[] inputs, float[] targets,
      float[] features, double[] nextCounts) {
    this.featureWidth = featureWidth;
    this.inputSteps = inputSteps;
    this.outputSteps = outputSteps;
    this.size = size;
    this.inputs = inputs;
    this.targets = targets;
    this.features = features;
    this.nextCounts = nextCounts;
  }

  /**
   * Cuts the samples whose target window lies in {@code split} of each series and whose
   * {@code outputSteps} decoder targets also lie in that split (so no split leaks into another).
   *
   * @param series the histories
   * @param split which chronological part
   * @param norm the normalization (fitted on the training split)
   * @param inputSteps input window length, {@code >= 1}
   * @param outputSteps decoder horizon, {@code >= 1}
   * @param stride keep every {@code stride}-th sample, {@code >= 1}
   * @param seasonalLag if {@code > 0}, add the normalized counts of windows
   *     {@code t - lag - 1 .. t - lag + 1} and an availability flag to the features
   * @return the samples (possibly none)
   * @throws IllegalArgumentException if an argument is null or out of range
   */
  public static WindowSet of(List<InvocationSeries> series, Split split, Log1pZScore norm, int inputSteps,
      int outputSteps, int stride, int seasonalLag) {
    Checks.notNull("series", series);
    Checks.notNull("split", split);
    Checks.notNull("norm", norm);
    Checks.positive("inputSteps", inputSteps);
    Checks.positive("outputSteps", outputSteps);
    Checks.positive("stride", stride);
    Checks.nonNegative("seasonalLag", seasonalLag);
    int total = 0;
    for (InvocationSeries s : series) {
      total += count(s.size(), split, inputSteps, outputSteps, stride);
    }
    int f = featureWidth(seasonalLag);
    float[] in = new float[total * inputSteps];
    float[] tg = new float[total * outputSteps];
    float[] ft = new float[total * f];
    double[] nc = new double[total];
    int k = 0;
    for (InvocationSeries s : series) {
      int n = s.size();
      double[] c = s.counts();
      float[] z = new float[n];
      for (int i = 0; i < n; i++) {
        z[i] = (float) norm.toZ(c[i]);
      }
      int first = Math.max(split.start(n), inputSteps);
      int last = split.end(n) - outputSteps;
      for (int t = first; t <= last; t += stride) {
        System.arraycopy(z, t - inputSteps, in, k * inputSteps, inputSteps);
        System.arraycopy(z, t, tg, k * outputSteps, outputSteps);
        fillFeatures(s, z, t, seasonalLag, ft, k * f);
        nc[k] = c[t];
        k++;
      }
    }
    return new WindowSet(inputSteps, outputSteps, f, total, in, tg, ft, nc);
  }

  /** Width of the feature vector for {@code seasonalLag}. */
  public static int featureWidth(int seasonalLag) {
    return ExternalFeatures.ENCODED_LENGTH + (seasonalLag > 0 ? SEASONAL_FEATURES : 0);
  }

  private static void fillFeatures(InvocationSeries s, float[] z, int t, int lag, float[] ft, int at) {
    double[] e = s.featuresOf(t).encode();
    for (int j = 0; j < e.length; j++) {
      ft[at + j] = (float) e[j];
    }
    if (lag > 0) {
      int c = t - lag;
      if (c - 1 >= 0 && c + 1 < t) {
        ft[at + e.length] = z[c - 1];
        ft[at + e.length + 1] = z[c];
        ft[at + e.length + 2] = z[c + 1];
        ft[at + e.length + 3] = 1f;
      }
    }
  }

  /**
   * The inputs for forecasting windows {@code from .. to - 1} of one series (no targets needed).
   *
   * @param series the series
   * @param from first target window, {@code >= inputSteps}
   * @param to one past the last target window, {@code <= series.size()}
   * @param norm the normalization
   * @param inputSteps input window length
   * @param seasonalLag as in {@link #of}
   * @return samples whose targets are zero placeholders and whose next counts are 0 for
   *     {@code t == series.size()}
   */
  public static WindowSet forForecast(InvocationSeries series, int from, int to, Log1pZScore norm, int inputSteps,
      int seasonalLag) {
    if (from < inputSteps || to > series.size() + 1 || from > to) {
      throw new IllegalArgumentException("forecast range [" + from + ", " + to + ") must lie in [" + inputSteps
          + ", " + (series.size() + 1) + "]");
    }
    int total = to - from;
    int f = featureWidth(seasonalLag);
    int n = series.size();
    // normalize only the windows the inputs and lag features read: O(window), not O(series)
    int lo = Math.max(0, from - Math.max(inputSteps, seasonalLag + 1));
    float[] z = new float[n];
    for (int i = lo; i < Math.min(n, to); i++) {
      z[i] = (float) norm.toZ(series.count(i));
    }
    float[] in = new float[total * inputSteps];
    float[] ft = new float[total * f];
    double[] nc = new double[total];
    for (int k = 0; k < total; k++) {
      int t = from + k;
      System.arraycopy(z, t - inputSteps, in, k * inputSteps, inputSteps);
      fillFeatures(series, z, t, seasonalLag, ft, k * f);
      nc[k] = t < n ? series.count(t) : 0.0;
    }
    return new WindowSet(inputSteps, 1, f, total, in, new float[total], ft, nc);
  }

  private static int count(int n, Split split, int inputSteps, int outputSteps, int stride) {
    int first = Math.max(split.start(n), inputSteps);
    int last = split.end(n) - outputSteps;
    return last < first ? 0 : (last - first) / stride + 1;
  }

  /** Number of samples. */
  public int size() {
    return size;
  }

  /** Input window length. */
  public int inputSteps() {
    return inputSteps;
  }

  /** Decoder horizon. */
  public int outputSteps() {
    return outputSteps;
  }

  /** The raw count of sample {@code k}'s target window. */
  public double nextCount(int k) {
    return nextCounts[k];
  }

  /** The normalized count of sample {@code k}'s target window. */
  public float nextZ(int k) {
    return targets[k * outputSteps];
  }

  /** Input {@code j} (oldest first) of sample {@code k}, normalized. */
  public float input(int k, int j) {
    return inputs[k * inputSteps + j];
  }

  /** A hash of sample {@code k}'s external features (part of its MC-dropout seed). */
  public int featureHash(int k) {
    int f = featureWidth;
    int h = 1;
    for (int j = 0; j < f; j++) {
      h = 31 * h + Float.floatToIntBits(features[k * f + j]);
    }
    return h;
  }

  /**
   * The inputs of the samples {@code idx[from .. to)} as a {@code [batch, inputSteps, 1]} array.
   *
   * @param idx sample indices
   * @param from first position in {@code idx}
   * @param to one past the last position
   * @return a new float array
   */
  public INDArray inputs(int[] idx, int from, int to) {
    return gather(inputs, inputSteps, idx, from, to).reshape(to - from, inputSteps, 1);
  }

  /** The decoder targets of {@code idx[from .. to)} as {@code [batch, outputSteps]}. */
  public INDArray targets(int[] idx, int from, int to) {
    return gather(targets, outputSteps, idx, from, to);
  }

  /** The next-window targets of {@code idx[from .. to)} as {@code [batch, 1]}. */
  public INDArray nextTargets(int[] idx, int from, int to) {
    float[] out = new float[to - from];
    for (int i = from; i < to; i++) {
      out[i - from] = targets[idx[i] * outputSteps];
    }
    return Nd4j.create(out, new long[] {to - from, 1}, DataType.FLOAT);
  }

  /** The features of {@code idx[from .. to)} as {@code [batch, featureWidth()]}. */
  public INDArray features(int[] idx, int from, int to) {
    return gather(features, featureWidth, idx, from, to);
  }

  /** Width of each sample's feature vector. */
  public int featureWidth() {
    return featureWidth;
  }

  /** {@code 0, 1, ..., size() - 1}. */
  public int[] allIndices() {
    int[] a = new int[size];
    Arrays.setAll(a, i -> i);
    return a;
  }

  private static INDArray gather(float[] src, int width, int[] idx, int from, int to) {
    float[] out = new float[(to - from) * width];
    for (int i = from; i < to; i++) {
      System.arraycopy(src, idx[i] * width, out, (i - from) * width, width);
    }
    return Nd4j.create(out, new long[] {to - from, width}, DataType.FLOAT);
  }
}
