package dev.aquatope.nn.train;

import dev.aquatope.core.util.Checks;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted-dropout masks drawn from a caller's seeded generator: each entry is 0 with probability
 * {@code p} and {@code 1 / (1 - p)} otherwise, so the expected activation is unchanged and no
 * rescaling is needed at inference.
 *
 * <p>Drawing masks in Java (instead of ND4J's global random generator) keeps every run
 * reproducible from its seed and independent of other threads.
 */
public final class DropoutMasks {
  private DropoutMasks() {}

  /**
   * One mask per layer.
   *
   * @param rows batch size, {@code >= 1}
   * @param widths width of each layer's mask
   * @param p drop probability in {@code [0, 1)}
   * @param rng the generator
   * @return {@code widths.length} arrays of shape {@code [rows, widths[l]]}
   * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1)} or {@code rows < 1}
   */
  public static INDArray[] draw(int rows, int[] widths, double p, SplittableRandom rng) {
    Checks.positive("rows", rows);
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("p must be in [0, 1), was " + p);
    }
    INDArray[] out = new INDArray[widths.length];
    float keep = (float) (1.0 / (1.0 - p));
    for (int l = 0; l < widths.length; l++) {
      float[] m = new float[rows * widths[l]];
      for (int i = 0; i < m.length; i++) {
        m[i] = p > 0 && rng.nextDouble() < p ? 0f : keep;
      }
      out[l] = Nd4j.create(m, new long[] {rows, widths[l]}, DataType.FLOAT);
    }
    return out;
  }
}
