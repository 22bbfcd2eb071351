package dev.aquatope.nn.model;

import dev.aquatope.nn.train.DropoutMasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Manual probe (not a unit test: it measures the process's resident memory, which depends on the
 * machine) of the native memory that ND4J keeps after each call of the networks, with the default
 * {@link HybridConfig} sizes. See "Native memory" in the module README for the findings; rerun it
 * after an ND4J upgrade to check whether the {@code lstmLayer_bp} leak is gone.
 *
 * <pre>
 * mvn -q -B -pl examples -am package -DskipTests
 * mvn -q -B -pl aquatope-nn test-compile
 * OMP_NUM_THREADS=1 java -Xmx2g -cp aquatope-nn/target/test-classes:examples/target/aquatope.jar \
 *     dev.aquatope.nn.model.NativeMemoryProbe encoder-fit 50
 * </pre>
 *
 * <p>Modes: {@code encoder-fit} (one Adam step of the encoder-decoder on a minibatch),
 * {@code mlp-fit} (one step of the prediction network on a minibatch), {@code encode-512} and
 * {@code encode-1} (the encoder's state of 512 windows or of one window, as in a rolling chunk and
 * in a single forecast).
 */
final class NativeMemoryProbe {
  private NativeMemoryProbe() {}

  /**
   * Runs {@code args[1]} calls of mode {@code args[0]} three times, printing the growth of the
   * resident set after a full GC.
   *
   * @param args mode and calls per round
   * @throws Exception if reading /proc fails or the thread is interrupted
   */
  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int calls = Integer.parseInt(args[1]);
    HybridConfig c = HybridConfig.defaults();
    int batch = c.batchSize();
    int[] encMasks = new int[c.encoderLayers()];
    java.util.Arrays.fill(encMasks, c.encoderHidden());
    int[] widths = c.mlpWidthArray();
    SplittableRandom r = new SplittableRandom(1);
    SequenceNet enc = SequenceNet.create(c.inputSteps(), c.encoderLayers(), c.encoderHidden(), c.decoderHidden(),
        c.outputSteps(), c.encoderLearningRate(), r.split());
    int nIn = HybridBayesianForecaster.mlpInputWidth(c);
    PredictionMlp mlp = PredictionMlp.create(nIn, widths, c.predictionLearningRate(), r.split());
    INDArray x = gaussian(r, batch, c.inputSteps(), 1);
    INDArray y = gaussian(r, batch, c.outputSteps());
    INDArray xm = gaussian(r, batch, nIn);
    INDArray ym = gaussian(r, batch, 1);
    INDArray x512 = gaussian(r, 512, c.inputSteps(), 1);
    INDArray x1 = gaussian(r, 1, c.inputSteps(), 1);
    long before = residentMb();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < calls; i++) {
        switch (mode) {
          case "encoder-fit" -> enc.fitBatch(x, y, DropoutMasks.draw(batch, encMasks, c.dropout(), r));
          case "mlp-fit" -> mlp.fitBatch(xm, ym, DropoutMasks.draw(batch, widths, c.dropout(), r));
          case "encode-512" -> enc.encode(x512);
          case "encode-1" -> enc.encode(x1);
          default -> throw new IllegalArgumentException("mode must be encoder-fit, mlp-fit, encode-512 or encode-1, was "
              + mode);
        }
      }
      long now = residentMb();
      System.out.printf("%s round %d: resident %d MB, +%d MB over %d calls (%.2f MB per call)%n", mode, round, now,
          now - before, calls, (now - before) / (double) calls);
      before = now;
    }
  }

  private static INDArray gaussian(SplittableRandom r, long... shape) {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    float[] a = new float[(int) n];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return Nd4j.create(a, shape, DataType.FLOAT);
  }

  /** Resident set after two full collections (so that ND4J's deallocators have run). */
  private static long residentMb() throws IOException, InterruptedException {
    for (int i = 0; i < 2; i++) {
      System.gc();
      Thread.sleep(500);
    }
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    throw new IOException("no VmRSS in /proc/self/status");
  }
}
