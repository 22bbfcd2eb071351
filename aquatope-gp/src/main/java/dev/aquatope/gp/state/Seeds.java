package dev.aquatope.gp.state;

import java.util.SplittableRandom;

/**
 * Counter-based random streams: the stream of invocation {@code counter} of purpose
 * {@code stream} is a pure function of {@code (seed, stream, counter)}.
 *
 * <p>Optimizers draw every random choice of a call from such a stream instead of advancing one
 * long-lived generator, so their random state is just the seed plus a few counters, which export
 * to JSON exactly ({@link SplittableRandom} cannot export its state).
 */
public final class Seeds {
  private Seeds() {}

  /**
   * A seed for invocation {@code counter} of purpose {@code stream}.
   *
   * @param seed the optimizer's seed
   * @param stream a small constant naming the purpose (fit, raw samples, local moves...)
   * @param counter the invocation count
   * @return a well-mixed 64-bit seed
   */
  public static long derive(long seed, int stream, long counter) {
    long z = seed + 0x9E3779B97F4A7C15L * (counter + 1) + 0xBF58476D1CE4E5B9L * (stream + 1);
    // SplitMix64 finalizer.
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * A generator for invocation {@code counter} of purpose {@code stream}.
   *
   * @param seed the optimizer's seed
   * @param stream the purpose
   * @param counter the invocation count
   * @return a fresh generator seeded with {@link #derive}
   */
  public static SplittableRandom random(long seed, int stream, long counter) {
    return new SplittableRandom(derive(seed, stream, counter));
  }
}
