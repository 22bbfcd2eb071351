package dev.aquatope.nn.model;

import java.io.OutputStream;
import java.io.PrintStream;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Builds a SameDiff graph's gradient function without its console noise.
 *
 * <p>Root cause: in ND4J 1.0.0-M2.1, the lambda inside {@code SameDiff.createGradFunction(String...)}
 * (bytecode {@code lambda$createGradFunction$1}) executes
 * {@code System.out.println("Added differentiated op " + op.getOwnName())} for every op it
 * differentiates, with no guarding branch: it is not an SLF4J/logback message, and no log level,
 * {@code TrainingConfig} or listener setting controls it (checked with {@code javap -c} on
 * {@code nd4j-api-1.0.0-M2.1.jar}). It runs once per graph, when the gradient function is first
 * needed (by {@code fit} or {@code calculateGradients}). That would corrupt the CLI's
 * machine-readable output, so we build the gradient function eagerly, once per network, with
 * {@code System.out} pointed at a discarding stream for the duration (a few milliseconds),
 * serialized on a lock so that concurrent builds restore the right stream. Nothing else prints
 * during training. Remove this class when the dependency no longer prints.
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
