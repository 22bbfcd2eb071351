package dev.aquatope.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aquatope.core.manage.Journal;
import dev.aquatope.core.manage.JournalRecord;
import dev.aquatope.fixtures.problems.ExhaustiveOracle;
import dev.aquatope.fixtures.workflows.BenchmarkWorkflows;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class E2eCommandsTest {
  private static String run(int expectedCode, String... args) {
    CommandLine cl = AquatopeCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    assertEquals(expectedCode, code, out + "\n" + err);
    return out.toString();
  }

  @Test
  void poolBench_keepAliveAndFft_json() throws Exception {
    JsonNode j = new ObjectMapper().readTree(run(AquatopeCli.EXIT_OK, "pool-bench", "--train-days", "1",
        "--replay-days", "1", "--policies", "keep-alive,fft", "--history-windows", "120", "--json", "--no-progress"));
    assertEquals(2, j.get("policies").size());
    JsonNode keep = j.get("policies").get(0);
    JsonNode fft = j.get("policies").get(1);
    // day d02 of the bundled 14-day function through the 4 stages of ml-pipeline
    assertEquals(keep.get("invocations").asLong(), fft.get("invocations").asLong());
    assertEquals(0, keep.get("invocations").asLong() % 4);
    assertEquals(1.0, keep.get("memoryVsKeepAlive").asDouble(), 1e-12);
    assertEquals(1.0, fft.get("memoryVsFft").asDouble(), 1e-12);
    assertTrue(keep.get("coldStarts").asLong() > 0);
    assertEquals("targets not checked: they need both the aquatope and the fft policy",
        j.get("targets").get(0).asText());
    assertEquals("WORKFLOW_CONCURRENCY", j.get("sizing").asText());
    assertEquals(0.77, j.get("aquatopeQuantile").asDouble(), 0.0);
    assertEquals(0.9, j.get("quantile").asDouble(), 0.0);
  }

  @Test
  void poolBench_badSizing_isUsageError() {
    run(AquatopeCli.EXIT_USAGE, "pool-bench", "--sizing", "per-stage", "--no-progress");
  }

  @Test
  void poolBench_unknownPolicy_isUsageError() {
    run(AquatopeCli.EXIT_USAGE, "pool-bench", "--policies", "lru", "--no-progress");
  }

  @Test
  void managerBench_random_reportsEveryRunAndSummary() throws Exception {
    JsonNode j = new ObjectMapper().readTree(run(AquatopeCli.EXIT_OK, "manager-bench", "--workflow", "chain(2)",
        "--optimizers", "random,nope", "--noise", "0.1/0.05,0.2/0.1", "--n-init", "3", "--n-batch", "2",
        "--seeds", "2", "--json", "--no-progress"));
    JsonNode runs = j.get("workflows").get(0).get("runs");
    assertEquals("chain(2)", j.get("workflows").get(0).get("workflow").asText());
    assertEquals(4, runs.size(), "2 noise levels x 2 seeds");
    assertEquals(9, j.get("evaluations").asInt());
    assertEquals(0.2, runs.get(2).get("noiseCv").asDouble(), 0.0);
    JsonNode summary = j.get("summary");
    assertEquals(2, summary.size());
    assertEquals(2, summary.get(0).get("runs").asInt());
    assertEquals(18, summary.get(0).get("evaluations").asInt());
    double a = runs.get(0).get("costOverOracle").asDouble();
    double b = runs.get(1).get("costOverOracle").asDouble();
    assertEquals((a + b) / 2, summary.get(0).get("medianCostOverOracle").asDouble(), 1e-12);
    assertTrue(a >= 1 - 1e-9 && b >= 1 - 1e-9, "nothing beats the oracle: " + a + ", " + b);
    assertEquals("targets not checked: they need both gp-qnei and clite", j.get("targets").get(0).asText());
    assertTrue(j.get("targetsMet").isNull());
    assertTrue(j.get("skipped").get(0).asText().startsWith("nope: not on the class path"));
  }

  @Test
  void managerBench_badNoiseLevel_isUsageError() {
    run(AquatopeCli.EXIT_USAGE, "manager-bench", "--noise", "0.1", "--no-progress");
  }

  @Test
  void manage_simShortRun_thenRestartResumesFromJournal(@TempDir Path dir) throws Exception {
    Path journal = dir.resolve("journal");
    String[] args = {"manage", "--platform", "sim", "--workflow", "chain(2)", "--optimizer", "random",
        "--n-init", "3", "--n-batch", "1", "--batch-size", "2", "--forecaster", "fft", "--duration", "30m",
        "--check-every", "10m", "--journal", journal.toString(), "--no-progress"};
    String first = run(AquatopeCli.EXIT_OK, args);
    assertTrue(first.contains("registered chain(2): journal"), first);
    assertTrue(first.contains("0 records replayed, 0 evaluations so far"), first);
    assertTrue(first.contains("optimized chain(2): 5 evaluations (5 profiled now)"), first);
    assertTrue(first.contains("simulated 30 pool ticks"), first);
    assertTrue(first.contains("done; journal closed"), first);
    Path file = journal.resolve("chain_2_.journal.jsonl");
    assertTrue(Files.exists(file), file.toString());
    List<JournalRecord> before = Journal.read(file);
    long profiled = before.stream().filter(r -> r instanceof JournalRecord.Observed o && o.isEvaluation()).count();
    assertEquals(5, profiled);

    String second = run(AquatopeCli.EXIT_OK, args);
    assertTrue(second.contains("5 evaluations so far"), second);
    assertTrue(second.contains("optimized chain(2): 5 evaluations (0 profiled now)"), second);
    long after = Journal.read(file).stream()
        .filter(r -> r instanceof JournalRecord.Observed o && o.isEvaluation()).count();
    assertEquals(5, after, "nothing profiled again after the restart");
  }

  @Test
  void manage_gpQneiFlags_reachTheOptimizerThroughItsProviderOptions(@TempDir Path dir) throws Exception {
    Path journal = dir.resolve("journal");
    run(AquatopeCli.EXIT_OK, "manage", "--platform", "sim", "--workflow", "chain(2)", "--optimizer", "gp-qnei",
        "--n-init", "3", "--n-batch", "1", "--batch-size", "2", "--mc-samples", "8", "--num-restarts", "2",
        "--raw-samples", "64", "--confidence", "0.9", "--no-anomaly-detection", "--min-feasibility", "0.7",
        "--forecaster", "fft", "--duration", "2m", "--check-every", "10m", "--journal", journal.toString(),
        "--no-progress");
    Path snapshot;
    try (var files = Files.list(journal)) {
      snapshot = files.filter(f -> f.getFileName().toString().contains("snapshot")).findFirst().orElseThrow();
    }
    JsonNode options = new ObjectMapper().readTree(snapshot.toFile()).get("options");
    assertEquals(3, options.get("nInit").asInt());
    assertEquals(2, options.get("batchSize").asInt());
    assertEquals(8, options.get("mcSamples").asInt());
    assertEquals(2, options.get("search").get("numRestarts").asInt());
    assertEquals(64, options.get("search").get("rawSamples").asInt());
    assertEquals(0.9, options.get("anomaly").get("confidence").asDouble());
    assertEquals(false, options.get("anomalyDetection").asBoolean());
    assertEquals(0.7, options.get("minFeasibilityProbability").asDouble());
    assertEquals(0.5, options.get("designRange").asDouble(), "manage explores safely by default");

    Path plainJournal = dir.resolve("plain");
    run(AquatopeCli.EXIT_OK, "manage", "--platform", "sim", "--workflow", "chain(2)", "--optimizer", "gp-qnei",
        "--n-init", "3", "--n-batch", "1", "--batch-size", "2", "--no-safe-exploration", "--forecaster", "fft",
        "--duration", "2m", "--check-every", "10m", "--journal", plainJournal.toString(), "--no-progress");
    try (var files = Files.list(plainJournal)) {
      snapshot = files.filter(f -> f.getFileName().toString().contains("snapshot")).findFirst().orElseThrow();
    }
    JsonNode plain = new ObjectMapper().readTree(snapshot.toFile()).get("options");
    assertEquals(0.0, plain.get("minFeasibilityProbability").asDouble());
    assertEquals(1.0, plain.get("designRange").asDouble());

    CommandLine cl = AquatopeCli.commandLine();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("manage", "--platform", "sim", "--workflow", "chain(2)", "--optimizer", "gp-qnei",
        "--raw-samples", "4", "--num-restarts", "10", "--forecaster", "fft", "--duration", "1m", "--journal",
        dir.resolve("bad").toString(), "--no-progress");
    // the command checks each flag; the combination is checked by the optimizer's builder
    assertEquals(AquatopeCli.EXIT_USAGE, code, err.toString());
    assertTrue(err.toString().contains("numRestarts must be <= rawSamples (4), was 10"), err.toString());
  }

  @Test
  void quickstart_fftAndRandom_writesReport(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("report");
    String out = run(AquatopeCli.EXIT_OK, "quickstart", "--forecaster", "fft", "--optimizer", "random",
        "--train-days", "1", "--evaluations", "6", "--report", report.toString(), "--no-progress");
    assertTrue(out.contains("Container pool: ml-pipeline"), out);
    assertTrue(out.contains("oracle (exhaustive)"), out);
    for (String f : List.of("pool-forecast.png", "pool-prewarm.png", "optimizer-convergence.png")) {
      byte[] b = Files.readAllBytes(report.resolve(f));
      assertEquals((byte) 0x89, b[0], f);
      assertEquals('P', b[1], f);
      assertEquals('N', b[2], f);
      assertEquals('G', b[3], f);
    }
    JsonNode j = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
    assertEquals("fft", j.get("pool").get("forecaster").asText());
    assertEquals(6, j.get("manager").get("evaluations").asInt());
    double oracle = ExhaustiveOracle.solve(BenchmarkWorkflows.byName("ml-pipeline")).orElseThrow().cost();
    assertEquals(oracle, j.get("manager").get("oracleCost").asDouble(), 1e-12 * oracle);
    assertTrue(j.get("manager").get("defaultCost").asDouble() > oracle);
  }
}
