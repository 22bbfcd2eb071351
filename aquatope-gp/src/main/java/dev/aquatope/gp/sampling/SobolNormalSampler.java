package dev.aquatope.gp.sampling;

import dev.aquatope.core.util.Checks;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * Fixed QMC standard-normal base samples, reused across evaluate() calls (common random numbers):
 * BoTorch's {@code SobolQMCNormalSampler(sample_shape=[sampleCount], seed)}.
 *
 * <p>{@code baseSamples(dim)} is {@code draw_sobol_normal_samples(dim, sampleCount, seed)}: a
 * scrambled {@link SobolEngine} of that dimension and seed, mapped through the inverse normal CDF.
 * For a joint draw over p points and m outputs, dim = p * m and column {@code i * m + j} belongs
 * to point i, output j (BoTorch's layout). Results are cached per dimension, so repeated calls
 * are cheap and identical. Above {@link SobolEngine#MAX_DIMENSION} it falls back, like BoTorch, to
 * i.i.d. normals (seeded with the same seed). Thread-safe.
 */
public final class SobolNormalSampler {
  private final int sampleCount;
  private final long seed;
  private final Map<Integer, double[][]> cache = new HashMap<>();

  /**
   * Creates a sampler.
   *
   * @param sampleCount number of MC samples, {@code >= 1} (typically a power of two)
   * @param seed the Sobol scrambling seed
   * @throws IllegalArgumentException if {@code sampleCount < 1}
   */
  public SobolNormalSampler(int sampleCount, long seed) {
    this.sampleCount = Checks.positive("sampleCount", sampleCount);
    this.seed = seed;
  }

  /**
   * Number of MC samples.
   *
   * @return the sample count
   */
  public int sampleCount() {
    return sampleCount;
  }

  /**
   * The seed.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Base samples for an (mc x dim) joint draw, cached per dim.
   *
   * @param dim joint dimension (points x outputs), {@code >= 1}
   * @return a fresh copy of the sampleCount x dim standard-normal base samples
   * @throws IllegalArgumentException if {@code dim < 1}
   */
  public double[][] baseSamples(int dim) {
    Checks.positive("dim", dim);
    double[][] z;
    synchronized (cache) {
      z = cache.computeIfAbsent(dim, this::compute);
    }
    double[][] copy = new double[z.length][];
    for (int i = 0; i < z.length; i++) {
      copy[i] = z[i].clone();
    }
    return copy;
  }

  private double[][] compute(int dim) {
    if (dim > SobolEngine.MAX_DIMENSION) {
      MersenneTwister rng = new MersenneTwister(seed);
      double[][] z = new double[sampleCount][dim];
      for (int k = 0; k < sampleCount; k++) {
        for (int i = 0; i < dim; i++) {
          z[k][i] = rng.nextGaussian();
        }
      }
      return z;
    }
    double[][] u = new SobolEngine(dim, true, seed).draw(sampleCount);
    for (int k = 0; k < sampleCount; k++) {
      for (int i = 0; i < dim; i++) {
        u[k][i] = InverseNormal.fromUniform(u[k][i]);
      }
    }
    return u;
  }
}
