package dev.aquatope.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OptimizeBenchCommandTest {
  private static String[] run(String... args) {
    CommandLine cl = AquatopeCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void call_tinyBudget_printsOneSummaryPerOptimizerAsJson() throws Exception {
    String[] r = run("optimize-bench", "--workflows", "chain(1)", "--optimizers", "random,gp-qnei", "--n-init", "5",
        "--n-batch", "2", "--batch-size", "2", "--seeds", "2", "--json", "--no-progress");
    JsonNode root = new ObjectMapper().readTree(r[1]);
    JsonNode summaries = root.get("summaries");
    assertEquals(2, summaries.size(), r[1] + r[2]);
    for (JsonNode s : summaries) {
      assertEquals("chain(1)", s.get("workflow").asText());
      assertEquals(3, s.get("dimensions").asInt());
      assertEquals(2, s.get("runs").size());
      for (JsonNode run : s.get("runs")) {
        assertEquals(9, run.get("evaluations").asInt());
        assertEquals("", run.get("error").asText());
      }
      assertTrue(s.get("medianGap").asDouble() >= 0 || s.get("medianGap").asText().equals("Infinity"));
    }
    // gp-qnei is checked: the exit code says whether its targets were met.
    boolean missed = root.get("missedTargets").size() > 0;
    assertEquals(missed ? AquatopeCli.EXIT_TARGET_MISSED : AquatopeCli.EXIT_OK, Integer.parseInt(r[0]));
  }

  @Test
  void call_noAnomalyDetection_runsGpQneiWithoutTheFilterAndSaysSo() throws Exception {
    String[] r = run("optimize-bench", "--workflows", "chain(1)", "--optimizers", "gp-qnei", "--n-init", "4",
        "--n-batch", "1", "--batch-size", "2", "--seeds", "1", "--outliers", "0.5", "--no-anomaly-detection", "--json",
        "--no-progress");
    JsonNode root = new ObjectMapper().readTree(r[1]);
    assertEquals(false, root.get("settings").get("anomalyDetection").asBoolean(true), r[1] + r[2]);
    JsonNode run = root.get("summaries").get(0).get("runs").get(0);
    assertEquals(6, run.get("evaluations").asInt());
    assertEquals("", run.get("error").asText());
    String[] table = run("optimize-bench", "--workflows", "chain(1)", "--optimizers", "gp-qnei", "--n-init", "4",
        "--n-batch", "0", "--seeds", "1", "--no-anomaly-detection", "--no-progress");
    assertTrue(table[1].startsWith("gp-qnei runs with its anomaly filter off"), table[1]);
  }

  @Test
  void call_badBatchSize_exitsWithUsageError() {
    String[] r = run("optimize-bench", "--batch-size", "0", "--no-progress");
    assertEquals(AquatopeCli.EXIT_USAGE, Integer.parseInt(r[0]));
    assertTrue(r[2].contains("--batch-size must be >= 1, was 0"), r[2]);
  }

  @Test
  void call_minFeasibilityOutOfRange_exitsWithUsageError() {
    String[] r = run("optimize-bench", "--min-feasibility", "1", "--no-progress");
    assertEquals(AquatopeCli.EXIT_USAGE, Integer.parseInt(r[0]));
    assertTrue(r[2].contains("--min-feasibility must be in [0, 1), was 1.0"), r[2]);
  }

  @Test
  void call_negativeSafeRadius_exitsWithUsageError() {
    String[] r = run("optimize-bench", "--safe-radius", "-0.5", "--no-progress");
    assertEquals(AquatopeCli.EXIT_USAGE, Integer.parseInt(r[0]));
    assertTrue(r[2].contains("--safe-radius must be finite and >= 0, was -0.5"), r[2]);
  }

  @Test
  void checkTargets_gpWorseThanRandom_reportsEachMissedTarget() {
    OptimizeBenchCommand.Summary gp = new OptimizeBenchCommand.Summary("w", "gp-qnei", 3, 1.0, 1.0, 0.08, 0.1, 1.08, 1,
        0, 0, 0.2, 0.7, 0.3, List.of());
    OptimizeBenchCommand.Summary rnd = new OptimizeBenchCommand.Summary("w", "random", 3, 1.0, 1.0, 0.02, 0.1, 1.02, 0,
        0, 0, 0.5, 0.0, 0.0, List.of());
    List<String> missed = OptimizeBenchCommand.checkTargets(List.of(gp, rnd));
    assertEquals(List.of("w: median gap 8.0% > 5%", "w: 1 returned configurations violate QoS",
        "w: median suggest 0.70 s > 0.5 s", "w: median cost not below random (1.080 vs 1.020)"), missed);
  }

  @Test
  void median_evenAndOdd() {
    assertEquals(2.0, OptimizeBenchCommand.median(new double[] {3, 1, 2}));
    assertEquals(2.5, OptimizeBenchCommand.median(new double[] {4, 1, 2, 3}));
    assertTrue(Double.isNaN(OptimizeBenchCommand.median(new double[0])));
  }
}
