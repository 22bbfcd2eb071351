package dev.aquatope.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aquatope.core.spi.ConstrainedBatchOptimizer;
import dev.aquatope.core.spi.Providers;
import dev.aquatope.examples.e2e.GpQneiOptions;
import dev.aquatope.examples.e2e.ManagerExperiment;
import dev.aquatope.examples.e2e.ManagerRunResult;
import dev.aquatope.examples.report.TextTable;
import dev.aquatope.fixtures.sim.NoiseModel;
import dev.aquatope.fixtures.workflows.BenchmarkWorkflow;
import dev.aquatope.fixtures.workflows.BenchmarkWorkflows;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the whole resource manager (journal, prewarming, campaign, apply) on the simulator for a
 * benchmark workflow, at several noise levels, with each optimizer, and compares the applied
 * configuration's noise-free cost with the exhaustive oracle's.
 *
 * <pre>{@code
 * java -jar examples/target/aquatope.jar manager-bench --workflow ml-pipeline --noise 0.1/0.05,0.2/0.1
 * }</pre>
 */
@Command(name = "manager-bench", mixinStandardHelpOptions = true,
    description = "Run the resource manager on the simulator and compare optimizers with the exhaustive oracle.")
public final class ManagerBenchCommand implements Callable<Integer> {
  @Mixin
  CommonOptions common;

  @Spec
  CommandSpec spec;

  @Option(names = "--workflow", defaultValue = "ml-pipeline", description = "Benchmark workflow (default: ${DEFAULT-VALUE}).")
  String workflow;

  @Option(names = "--optimizers", split = ",", defaultValue = "gp-qnei,random,clite",
      description = "Optimizers (default: ${DEFAULT-VALUE}); missing ones are skipped with a note.")
  List<String> optimizers;

  @Option(names = "--noise", split = ",", defaultValue = "0.1/0.05,0.2/0.1", paramLabel = "CV/FRACTION",
      description = "Noise levels: log-normal CV of execution times / fraction of time in 1.5-3x interference "
          + "episodes (default: ${DEFAULT-VALUE}).")
  List<String> noise;

  @Option(names = "--n-init", defaultValue = "10", description = "Initial design size of gp-qnei (default: ${DEFAULT-VALUE}).")
  int nInit;

  @Option(names = "--n-batch", defaultValue = "20", description = "Batches after the initial design (default: ${DEFAULT-VALUE}).")
  int nBatch;

  @Option(names = "--batch-size", defaultValue = "3", description = "Batch size q (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--seeds", defaultValue = "1", description = "Seeds per noise level and optimizer (default: ${DEFAULT-VALUE}).")
  int seeds;

  /** One noise level. */
  record Level(double cv, double interference) {
    static Level parse(String text) {
      String[] p = text.trim().split("/");
      if (p.length != 2) {
        throw new IllegalArgumentException("--noise levels look like 0.1/0.05 (cv/fraction), was '" + text + "'");
      }
      try {
        return new Level(Double.parseDouble(p[0]), Double.parseDouble(p[1]));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--noise levels look like 0.1/0.05 (cv/fraction), was '" + text + "'", e);
      }
    }

    NoiseModel model() {
      return NoiseModel.DEFAULT.withLogNormalCv(cv).withInterference(interference, 1.5, 3.0);
    }
  }

  @Override
  public Integer call() throws IOException {
    if (seeds < 1 || nInit < 1 || nBatch < 0 || batchSize < 1) {
      throw new IllegalArgumentException("--seeds, --n-init and --batch-size must be >= 1 and --n-batch >= 0, were "
          + seeds + ", " + nInit + ", " + batchSize + ", " + nBatch);
    }
    List<Level> levels = noise.stream().map(Level::parse).toList();
    levels.forEach(Level::model); // validates
    BenchmarkWorkflow bw = BenchmarkWorkflows.byName(workflow);
    int evaluations = nInit + nBatch * batchSize;
    PrintWriter out = spec.commandLine().getOut();
    List<String> available = Providers.optimizerNames();
    List<String> skipped = new ArrayList<>();
    List<Map<String, Object>> rows = new ArrayList<>();
    Double oracleCost = null;
    for (Level level : levels) {
      for (String name : optimizers) {
        if (!available.contains(name)) {
          skipped.add(name + ": not on the class path (available: " + available + ")");
          continue;
        }
        ConstrainedBatchOptimizer.Provider provider = provider(name);
        for (int s = 0; s < seeds; s++) {
          long seed = common.seed + s;
          ManagerExperiment exp = new ManagerExperiment(bw, level.model(), evaluations, batchSize, seed);
          Path journal = Files.createTempDirectory("aquatope-manager-bench");
          ManagerRunResult r;
          try (Progress bar = Progress.start(!common.noProgress, name + " cv " + level.cv(), evaluations)) {
            r = exp.run(provider, journal, p -> bar.stepBy(p.batch().size()));
          } finally {
            deleteTree(journal);
          }
          oracleCost = r.oracleCost();
          rows.add(row(level, seed, r));
        }
      }
    }
    if (common.json) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("workflow", bw.name());
      root.put("qosBoundSeconds", bw.qos().boundSeconds());
      root.put("oracleCost", oracleCost);
      root.put("evaluations", evaluations);
      root.put("batchSize", batchSize);
      root.put("runs", rows);
      root.put("skipped", skipped);
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
    } else {
      out.printf(Locale.ROOT, "Resource manager on %s (QoS: mean latency <= %.2f s), %d evaluations in batches of %d%n",
          bw.name(), bw.qos().boundSeconds(), evaluations, batchSize);
      if (oracleCost != null) {
        out.printf(Locale.ROOT, "oracle cost $%.3e per invocation%n", oracleCost);
      }
      TextTable t = new TextTable("noise cv/intf", "optimizer", "seed", "cost/oracle", "cost/default", "latency s",
          "QoS met", "infeasible evals", "wall s");
      for (Map<String, Object> r : rows) {
        t.row((String) r.get("noise"), (String) r.get("optimizer"), r.get("seed").toString(),
            fmt((Double) r.get("costOverOracle"), "%.3f"), fmt((Double) r.get("costOverDefault"), "%.3f"),
            fmt((Double) r.get("modelLatencySeconds"), "%.3f"), (Boolean) r.get("qosMet") ? "yes" : "NO",
            r.get("infeasibleEvaluations") + "/" + r.get("evaluations"), fmt((Double) r.get("wallSeconds"), "%.1f"));
      }
      out.print(t.render());
      for (String s : skipped) {
        out.println("skipped " + s);
      }
    }
    out.flush();
    return AquatopeCli.EXIT_OK;
  }

  private ConstrainedBatchOptimizer.Provider provider(String name) {
    if (name.equals("gp-qnei")) {
      GpQneiOptions d = GpQneiOptions.defaults();
      return new GpQneiOptions(nInit, batchSize, d.mcSamples(), d.numRestarts(), OptionalInt.empty(), d.confidence(),
          d.anomalyDetection()).provider();
    }
    return Providers.optimizerProvider(name);
  }

  private static Map<String, Object> row(Level level, long seed, ManagerRunResult r) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("noise", level.cv() + "/" + level.interference());
    row.put("noiseCv", level.cv());
    row.put("interferenceFraction", level.interference());
    row.put("optimizer", r.optimizer());
    row.put("seed", seed);
    row.put("evaluations", r.evaluations());
    row.put("applied", r.applied().map(Object::toString).orElse(null));
    row.put("appliedOnPlatform", r.appliedOnPlatform());
    row.put("modelCost", nan(r.modelCost()));
    row.put("modelLatencySeconds", nan(r.modelLatency()));
    row.put("costOverOracle", nan(r.costOverOracle()));
    row.put("costOverDefault", nan(r.costOverDefault()));
    row.put("qosMet", r.qosMet());
    row.put("infeasibleEvaluations", r.infeasibleEvaluations());
    row.put("wallSeconds", r.wallSeconds());
    row.put("stopReason", r.stopReason());
    return row;
  }

  private static Double nan(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static String fmt(Double v, String pattern) {
    return v == null ? "-" : String.format(Locale.ROOT, pattern, v);
  }

  /**
   * Deletes a directory this command created, with everything in it.
   *
   * @param dir the directory
   * @throws IOException if a file cannot be deleted
   */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
