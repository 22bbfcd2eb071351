package dev.aquatope.gp.bench;

import dev.aquatope.gp.acquisition.ConstrainedQNoisyExpectedImprovement;
import dev.aquatope.gp.model.GaussianProcess;
import dev.aquatope.gp.model.GpOptions;
import dev.aquatope.gp.sampling.SobolEngine;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Timing of the GP numerics at the design's sizes: fit of two GPs on 70 points x 15 dimensions,
 * building a constrained qNEI over 70 baseline points, and {@code evaluate()} for q = 1 and q = 3
 * with 32 MC samples. A plain main (not JMH, not run by the tests); run it with
 * <pre>{@code
 * cd /work/main && mvn -q -B -Daq.build.suffix=-gpm -pl aquatope-gp -am test-compile \
 *   && mvn -q -B -Daq.build.suffix=-gpm -pl aquatope-gp exec:java -Dexec.classpathScope=test \
 *      -Dexec.mainClass=dev.aquatope.gp.bench.GpNumericsBenchmark
 * }</pre>
 */
public final class GpNumericsBenchmark {
  private static final int N = 70;
  private static final int D = 15;
  private static final int MC = 32;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private GpNumericsBenchmark() {}

  /**
   * Runs the benchmark and prints the timings.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    PrintStream out = System.out;
    double[][] x = new SobolEngine(D, true, 1).draw(N);
    double[] cost = new double[N];
    double[] latency = new double[N];
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < N; i++) {
      double s = 0;
      for (int j = 0; j < D; j++) {
        s += (j + 1) * x[i][j];
      }
      cost[i] = s / D + 0.05 * r.nextGaussian();
      latency[i] = 1.0 / (0.2 + x[i][0] + x[i][1]) + 0.05 * r.nextGaussian();
    }
    GpOptions options = GpOptions.defaults();
    GaussianProcess costGp = null;
    GaussianProcess latencyGp = null;
    int fitRuns = 5;
    long[] fitNanos = new long[fitRuns];
    long[] fitCpu = new long[fitRuns];
    for (int rep = 0; rep < fitRuns; rep++) {
      long c0 = CPU.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      costGp = GaussianProcess.fit(x, cost, null, options);
      latencyGp = GaussianProcess.fit(x, latency, null, options);
      fitNanos[rep] = System.nanoTime() - t0;
      fitCpu[rep] = CPU.getCurrentThreadCpuTime() - c0;
    }
    out.printf(Locale.ROOT, "fit of 2 GPs (n=%d, d=%d, %d starts each): median wall %.1f ms,"
        + " cpu %.1f ms%n", N, D, options.restarts(), median(fitNanos) / 1e6,
        median(fitCpu) / 1e6);
    double bound = 1.5;
    for (int run = 0; run < 6; run++) {
      int q = run % 2 == 0 ? 1 : 3;
      boolean prune = run >= 2;
      boolean withPending = run >= 4;
      long b0 = System.nanoTime();
      ConstrainedQNoisyExpectedImprovement acq = ConstrainedQNoisyExpectedImprovement.newBuilder()
          .costModel(costGp).latencyModel(latencyGp).latencyBound(bound).baseline(x)
          .mcSamples(MC).seed(0).pruneBaseline(prune).build();
      if (withPending) {
        // the third step of a sequential greedy batch: one new point, two pending
        acq = acq.withPending(new double[][] {x[3], x[11]});
        q = 1;
      }
      long buildNanos = System.nanoTime() - b0;
      double[][][] cands = new double[2000][][];
      SobolEngine sobol = new SobolEngine(q * D, true, 3);
      for (int c = 0; c < cands.length; c++) {
        double[] flat = sobol.draw(1)[0];
        cands[c] = new double[q][];
        for (int i = 0; i < q; i++) {
          cands[c][i] = Arrays.copyOfRange(flat, i * D, (i + 1) * D);
        }
      }
      double sink = 0;
      for (int warm = 0; warm < 3; warm++) {
        for (double[][] c : cands) {
          sink += acq.evaluate(c);
        }
      }
      int reps = 5;
      long[] nanos = new long[reps];
      long[] cpu = new long[reps];
      for (int rep = 0; rep < reps; rep++) {
        long c0 = CPU.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (double[][] c : cands) {
          sink += acq.evaluate(c);
        }
        nanos[rep] = System.nanoTime() - t0;
        cpu[rep] = CPU.getCurrentThreadCpuTime() - c0;
      }
      out.printf(Locale.ROOT,
          "qNEI q=%d + %d pending, %d MC samples, %d baseline points (%s, %d kept): build %.1f ms,"
              + " evaluate median wall %.1f us, cpu %.1f us (checksum %.6f)%n", q,
          acq.pending().length, MC, N, prune ? "pruned" : "not pruned", acq.baseline().length,
          buildNanos / 1e6,
          median(nanos) / 1e3 / cands.length, median(cpu) / 1e3 / cands.length, sink);
    }
  }

  private static double median(long[] v) {
    long[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }
}
