package dev.aquatope.gp;

import dev.aquatope.core.model.ConfigSpace;
import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Knob;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.ObservationFlag;
import dev.aquatope.core.model.OptimizationProblem;
import dev.aquatope.core.model.QosTarget;
import dev.aquatope.core.model.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A constrained "memory versus latency" toy with a known grid optimum: a two-stage chain, each
 * stage with a CPU and a memory knob. A stage's duration is its work divided by the usable CPU
 * (capped by its parallelism), slowed down when memory is below its working set, and it fails
 * (out of memory) below a hard minimum. Cost is billed vCPU-seconds and GB-seconds. The optimum
 * is found by enumerating the 15^4 grid points.
 */
final class ToyProblem {
  private static final double CPU_PRICE = 0.173 / 3600;
  private static final double GB_PRICE = 0.0123 / 3600;
  private final double[] work = {2.0, 1.2};
  private final double[] parallelism = {2.5, 1.5};
  private final double[] workingSetMb = {1024, 640};
  private final double[] minMb = {384, 256};
  private final double[] overhead = {0.3, 0.3};
  private final OptimizationProblem problem;
  private double latencyScale = 1.0;

  ToyProblem(double boundSeconds) {
    Workflow wf = Workflow.chain("toy", "a", "b");
    ConfigSpace space = ConfigSpace.perStage(wf, List.of(Knob.cpu(0.5, 4.0, 0.25), Knob.memory(256, 2048, 128)));
    problem = new OptimizationProblem(wf, space, QosTarget.meanBelow(boundSeconds));
  }

  OptimizationProblem problem() {
    return problem;
  }

  /** Multiplies every latency from now on (simulates drift). */
  void setLatencyScale(double scale) {
    latencyScale = scale;
  }

  /** The noise-free latency and cost, or null latency (NaN) when a stage runs out of memory. */
  double[] evaluateExact(Configuration c) {
    double latency = 0;
    double cost = 0;
    String[] stages = {"a", "b"};
    for (int i = 0; i < 2; i++) {
      double cpu = c.get(stages[i] + ".cpu");
      double mem = c.get(stages[i] + ".memory");
      if (mem < minMb[i]) {
        return new double[] {Double.NaN, Double.NaN};
      }
      double d = overhead[i] + work[i] / Math.min(cpu, parallelism[i]);
      if (mem < workingSetMb[i]) {
        d *= 1 + 2.0 * (workingSetMb[i] - mem) / workingSetMb[i];
      }
      d *= latencyScale;
      latency += d;
      cost += (cpu * CPU_PRICE + mem / 1024 * GB_PRICE) * d;
    }
    return new double[] {latency, cost};
  }

  /** An observation with multiplicative noise and, with probability {@code outlierFraction}, 5x latency. */
  Observation evaluate(Configuration c, SplittableRandom rng, double noiseCv, double outlierFraction) {
    double[] e = evaluateExact(c);
    Instant t = Instant.ofEpochSecond(1_700_000_000L);
    if (Double.isNaN(e[0])) {
      return new Observation(c, 0, 2 * problem.qos().boundSeconds(), OptionalDouble.empty(), OptionalDouble.empty(),
          t, EnumSet.of(ObservationFlag.FAILED), "out of memory");
    }
    double lat = e[0] * Math.exp(noiseCv * gaussian(rng));
    double cost = e[1] * Math.exp(noiseCv * gaussian(rng));
    if (rng.nextDouble() < outlierFraction) {
      lat *= 5;
    }
    return new Observation(c, cost, lat, OptionalDouble.empty(), OptionalDouble.empty(), t, Set.of(), "");
  }

  List<Observation> evaluateAll(List<Configuration> cs, SplittableRandom rng, double noiseCv, double outliers) {
    List<Observation> out = new ArrayList<>();
    for (Configuration c : cs) {
      out.add(evaluate(c, rng, noiseCv, outliers));
    }
    return out;
  }

  /** The cheapest noise-free feasible cost over the whole grid. */
  double oracleCost() {
    double best = Double.POSITIVE_INFINITY;
    int[] levels = new int[problem.space().dimension()];
    int[] idx = new int[levels.length];
    for (int i = 0; i < levels.length; i++) {
      levels[i] = problem.space().parameters().get(i).knob().levels();
    }
    while (true) {
      double[] e = evaluateExact(problem.space().fromIndices(idx));
      if (!Double.isNaN(e[0]) && e[0] <= problem.qos().boundSeconds()) {
        best = Math.min(best, e[1]);
      }
      int k = 0;
      while (k < idx.length && ++idx[k] == levels[k]) {
        idx[k] = 0;
        k++;
      }
      if (k == idx.length) {
        return best;
      }
    }
  }

  private static double gaussian(SplittableRandom rng) {
    // Box-Muller; enough for a test fixture.
    double u1 = Math.max(rng.nextDouble(), 1e-300);
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
