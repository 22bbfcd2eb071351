package dev.aquatope.nn.model;

import java.io.OutputStream;
import java.io.PrintStream;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Builds a SameDiff graph's gradient function without its console noise.
 *
 * <p>ND4J 1.0.0-M2.1's {@code SameDiff.createGradFunction} prints one "Added differentiated op"
 * line per op to {@code System.out}, unconditionally, which would corrupt the CLI's
 * machine-readable output. We build the gradient function eagerly, once per network, with
 * {@code System.out} pointed at a discarding stream for the duration (a few milliseconds),
 * serialized on a lock so that concurrent builds restore the right stream.
 */
final class QuietGradients {
  private static final Object LOCK = new Object();

  private QuietGradients() {}

  /** Creates {@code sd}'s gradient function with {@code System.out} silenced. */
  static void create(SameDiff sd) {
    synchronized (LOCK) {
      PrintStream original = System.out;
      System.setOut(new PrintStream(OutputStream.nullOutputStream()));
      try {
        sd.createGradFunction();
      } finally {
        System.setOut(original);
      }
    }
  }
}
