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
 * Runs the whole resource manager (journal, prewarming, campaign, apply) on the simulator for the
 * benchmark workflows, at several noise levels, with each optimizer, and compares the applied
 * configuration's noise-free cost with the exhaustive oracle's.
 *
 * <pre>{@code
 * java -jar examples/target/aquatope.jar manager-bench --workflows ml-pipeline --noise 0/0,0.1/0.05,0.5/0.2
 * }</pre>
 *
 * <p>The table has one row per workflow, noise level and optimizer, aggregated over the seeds. The
 * issue's targets are checked when {@code gp-qnei} and {@code clite} both ran: at the moderate noise
 * level ({@code --moderate}, default 0.1/0.05, the optimizer benchmark's) the median applied cost of
 * {@code gp-qnei} is within 5% of the oracle on every workflow and every applied configuration meets
 * the QoS target; and at every level, {@code gp-qnei} profiles fewer QoS-violating configurations
 * during exploration than CLITE. Exit code {@link AquatopeCli#EXIT_TARGET_MISSED} when they are
 * checked and missed.
 */
@Command(name = "manager-bench", mixinStandardHelpOptions = true,
    description = "Run the resource manager on the simulator and compare optimizers with the exhaustive oracle.")
public final class ManagerBenchCommand implements Callable<Integer> {
  /** Largest median cost over the oracle that meets the target at moderate noise. */
  static final double TARGET_COST_RATIO = 1.05;

  @Mixin
  CommonOptions common;

  @Spec
  CommandSpec spec;

  @Option(names = {"--workflows", "--workflow"}, split = ",", paramLabel = "NAME",
      description = "Benchmark workflows (default: chain(3), fanout(4), ml-pipeline, video, social-network).")
  List<String> workflows;

  @Option(names = "--optimizers", split = ",", defaultValue = "gp-qnei,random,clite",
      description = "Optimizers (default: ${DEFAULT-VALUE}); missing ones are skipped with a note.")
  List<String> optimizers;

  @Option(names = "--noise", split = ",", defaultValue = "0/0,0.1/0.05,0.3/0.1,0.5/0.2", paramLabel = "CV/FRACTION",
      description = "Noise levels: log-normal CV of execution times / fraction of time in 1.5-3x interference "
          + "episodes (default: ${DEFAULT-VALUE}).")
  List<String> noise;

  @Option(names = "--moderate", defaultValue = "0.1/0.05", paramLabel = "CV/FRACTION",
      description = "The noise level at which the cost target is checked (default: ${DEFAULT-VALUE}).")
  String moderate;

  @Option(names = "--n-init", defaultValue = "10", description = "Initial design size of gp-qnei (default: ${DEFAULT-VALUE}).")
  int nInit;

  @Option(names = "--n-batch", defaultValue = "20", description = "Batches after the initial design (default: ${DEFAULT-VALUE}).")
  int nBatch;

  @Option(names = "--batch-size", defaultValue = "3", description = "Batch size q (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Mixin
  SafeSetOptions safeSet;

  @Option(names = "--no-safe-exploration",
      description = "gp-qnei: plain constrained qNEI instead of safe exploration (the default, as in manage).")
  boolean noSafeExploration;

  @Option(names = "--seeds", defaultValue = "3", description = "Seeds per noise level and optimizer (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--runs", description = "Also print one row per run (the JSON output always has them).")
  boolean printRuns;

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

    String label() {
      return cv + "/" + interference;
    }
  }

  /** The runs of one workflow, noise level and optimizer. */
  record Cell(String workflow, Level level, String optimizer, List<ManagerRunResult> runs) {
    double medianCostOverOracle() {
      return ManagerExperiment.median(runs.stream().mapToDouble(ManagerRunResult::costOverOracle).toArray());
    }

    double worstCostOverOracle() {
      return runs.stream().mapToDouble(r -> Double.isNaN(r.costOverOracle()) ? Double.POSITIVE_INFINITY
          : r.costOverOracle()).max().orElse(Double.NaN);
    }

    long qosMet() {
      return runs.stream().filter(ManagerRunResult::qosMet).count();
    }

    int infeasible() {
      return runs.stream().mapToInt(ManagerRunResult::infeasibleEvaluations).sum();
    }

    int evaluations() {
      return runs.stream().mapToInt(ManagerRunResult::evaluations).sum();
    }

    double medianWallSeconds() {
      return ManagerExperiment.median(runs.stream().mapToDouble(ManagerRunResult::wallSeconds).toArray());
    }
  }

  @Override
  public Integer call() throws IOException {
    if (seeds < 1 || nInit < 1 || nBatch < 0 || batchSize < 1) {
      throw new IllegalArgumentException("--seeds, --n-init and --batch-size must be >= 1 and --n-batch >= 0, were "
          + seeds + ", " + nInit + ", " + batchSize + ", " + nBatch);
    }
    safeSet.validate();
    List<Level> levels = noise.stream().map(Level::parse).toList();
    levels.forEach(Level::model); // validates
    Level moderateLevel = Level.parse(moderate);
    List<BenchmarkWorkflow> benchmarks = (workflows == null || workflows.isEmpty() ? BenchmarkWorkflows.names()
        : workflows).stream().map(String::trim).map(BenchmarkWorkflows::byName).toList();
    int evaluations = nInit + nBatch * batchSize;
    PrintWriter out = spec.commandLine().getOut();
    List<String> available = Providers.optimizerNames();
    List<String> skipped = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String name : optimizers) {
      if (available.contains(name.trim())) {
        names.add(name.trim());
      } else {
        skipped.add(name + ": not on the class path (available: " + available + ")");
      }
    }
    List<Cell> cells = new ArrayList<>();
    List<Map<String, Object>> perWorkflow = new ArrayList<>();
    for (BenchmarkWorkflow bw : benchmarks) {
      List<Map<String, Object>> rows = new ArrayList<>();
      Double oracleCost = null;
      for (Level level : levels) {
        for (String name : names) {
          ConstrainedBatchOptimizer.Provider provider = provider(name);
          List<ManagerRunResult> runs = new ArrayList<>();
          for (int s = 0; s < seeds; s++) {
            long seed = common.seed + s;
            ManagerExperiment exp = new ManagerExperiment(bw, level.model(), evaluations, batchSize, seed);
            Path journal = Files.createTempDirectory("aquatope-manager-bench");
            ManagerRunResult r;
            try (Progress bar = Progress.start(!common.noProgress, bw.name() + " " + name + " " + level.label(),
                evaluations)) {
              r = exp.run(provider, journal, p -> bar.stepBy(p.batch().size()));
            } finally {
              deleteTree(journal);
            }
            oracleCost = r.oracleCost();
            runs.add(r);
            rows.add(row(level, seed, r));
          }
          cells.add(new Cell(bw.name(), level, name, runs));
        }
      }
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("workflow", bw.name());
      w.put("qosBoundSeconds", bw.qos().boundSeconds());
      w.put("oracleCost", oracleCost);
      w.put("runs", rows);
      perWorkflow.add(w);
    }
    List<String> targets = new ArrayList<>();
    Boolean met = checkTargets(cells, moderateLevel, targets);
    if (common.json) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("evaluations", evaluations);
      root.put("batchSize", batchSize);
      root.put("seeds", seeds);
      root.put("workflows", perWorkflow);
      root.put("summary", cells.stream().map(ManagerBenchCommand::summary).toList());
      root.put("targets", targets);
      root.put("targetsMet", met);
      root.put("skipped", skipped);
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
    } else {
      out.printf(Locale.ROOT, "Resource manager on the simulator: %d evaluations in batches of %d, %d seed(s) from %d%n",
          evaluations, batchSize, seeds, common.seed);
      TextTable t = new TextTable("workflow", "QoS s", "noise cv/intf", "optimizer", "cost/oracle median",
          "worst", "QoS met", "infeasible evals", "wall s");
      for (Cell c : cells) {
        BenchmarkWorkflow bw = BenchmarkWorkflows.byName(c.workflow());
        t.row(c.workflow(), String.format(Locale.ROOT, "%.2f", bw.qos().boundSeconds()), c.level().label(),
            c.optimizer(), fmt(c.medianCostOverOracle(), "%.3f"), fmt(c.worstCostOverOracle(), "%.3f"),
            c.qosMet() + "/" + c.runs().size(), c.infeasible() + "/" + c.evaluations(),
            fmt(c.medianWallSeconds(), "%.1f"));
      }
      out.print(t.render());
      if (printRuns) {
        TextTable r = new TextTable("workflow", "noise cv/intf", "optimizer", "seed", "cost/oracle", "cost/default",
            "latency s", "QoS met", "infeasible evals", "wall s");
        for (Map<String, Object> w : perWorkflow) {
          @SuppressWarnings("unchecked")
          List<Map<String, Object>> rows = (List<Map<String, Object>>) w.get("runs");
          for (Map<String, Object> row : rows) {
            r.row((String) w.get("workflow"), (String) row.get("noise"), (String) row.get("optimizer"),
                row.get("seed").toString(), fmt((Double) row.get("costOverOracle"), "%.3f"),
                fmt((Double) row.get("costOverDefault"), "%.3f"), fmt((Double) row.get("modelLatencySeconds"), "%.3f"),
                (Boolean) row.get("qosMet") ? "yes" : "NO",
                row.get("infeasibleEvaluations") + "/" + row.get("evaluations"),
                fmt((Double) row.get("wallSeconds"), "%.1f"));
          }
        }
        out.print(r.render());
      }
      for (String s : targets) {
        out.println(s);
      }
      for (String s : skipped) {
        out.println("skipped " + s);
      }
    }
    out.flush();
    return Boolean.FALSE.equals(met) ? AquatopeCli.EXIT_TARGET_MISSED : AquatopeCli.EXIT_OK;
  }

  /**
   * Checks the targets when gp-qnei and clite both ran.
   *
   * @return whether they are met, or null when they cannot be checked
   */
  static Boolean checkTargets(List<Cell> cells, Level moderate, List<String> lines) {
    List<Cell> gp = cells.stream().filter(c -> c.optimizer().equals("gp-qnei")).toList();
    boolean hasClite = cells.stream().anyMatch(c -> c.optimizer().equals("clite"));
    if (gp.isEmpty() || !hasClite) {
      lines.add("targets not checked: they need both gp-qnei and clite");
      return null;
    }
    boolean met = true;
    boolean sawModerate = false;
    for (Cell c : gp) {
      if (c.level().equals(moderate)) {
        sawModerate = true;
        double m = c.medianCostOverOracle();
        boolean ok = !Double.isNaN(m) && m <= TARGET_COST_RATIO && c.qosMet() == c.runs().size();
        met &= ok;
        lines.add(String.format(Locale.ROOT, "target %s at noise %s: gp-qnei median cost/oracle %.3f <= %.2f, QoS met %d/%d: %s",
            c.workflow(), c.level().label(), m, TARGET_COST_RATIO, c.qosMet(), c.runs().size(), ok ? "met" : "MISSED"));
      }
      for (Cell other : cells) {
        if (other.optimizer().equals("clite") && other.workflow().equals(c.workflow())
            && other.level().equals(c.level())) {
          boolean ok = c.infeasible() < other.infeasible();
          met &= ok;
          lines.add(String.format(Locale.ROOT, "target %s at noise %s: QoS-violating explorations gp-qnei %d < clite %d: %s",
              c.workflow(), c.level().label(), c.infeasible(), other.infeasible(), ok ? "met" : "MISSED"));
        }
      }
    }
    if (!sawModerate) {
      lines.add("cost target not checked: the moderate level " + moderate.label() + " was not run");
    }
    return met;
  }

  private static Map<String, Object> summary(Cell c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("workflow", c.workflow());
    m.put("noise", c.level().label());
    m.put("optimizer", c.optimizer());
    m.put("runs", c.runs().size());
    m.put("medianCostOverOracle", nan(c.medianCostOverOracle()));
    double worst = c.worstCostOverOracle();
    m.put("worstCostOverOracle", Double.isFinite(worst) ? worst : null);
    m.put("qosMet", c.qosMet());
    m.put("infeasibleEvaluations", c.infeasible());
    m.put("evaluations", c.evaluations());
    m.put("medianWallSeconds", c.medianWallSeconds());
    return m;
  }

  private ConstrainedBatchOptimizer.Provider provider(String name) {
    if (name.equals("gp-qnei")) {
      GpQneiOptions d = GpQneiOptions.defaults();
      GpQneiOptions o = new GpQneiOptions(nInit, batchSize, d.mcSamples(), d.numRestarts(), OptionalInt.empty(),
          d.confidence(), d.anomalyDetection()).withSafeExploration(!noSafeExploration);
      return safeSet.applyTo(o).provider();
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
    return v == null || v.isNaN() ? "-" : v.isInfinite() ? "inf" : String.format(Locale.ROOT, pattern, v);
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
