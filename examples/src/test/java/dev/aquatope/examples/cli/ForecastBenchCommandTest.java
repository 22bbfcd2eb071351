package dev.aquatope.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.model.TriggerType;
import dev.aquatope.core.spi.InvocationForecaster;
import dev.aquatope.core.spi.Providers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ForecastBenchCommandTest {
  @TempDir
  Path dir;

  private Path trace;

  /**
   * Two functions over 2 days: "steady" is always 3 (keep-alive is exact), "flip" alternates
   * 0, 2, 0, 2 (keep-alive is always wrong by 2, SMAPE 200%).
   */
  @BeforeEach
  void writeTrace() throws IOException {
    StringBuilder header = new StringBuilder("HashFunction,Day");
    for (int m = 1; m <= 1440; m++) {
      header.append(',').append(m);
    }
    List<String> lines = new ArrayList<>();
    lines.add(header.toString());
    for (String day : List.of("d01", "d02")) {
      StringBuilder steady = new StringBuilder("steady000001," + day);
      StringBuilder flip = new StringBuilder("flip00000002," + day);
      for (int m = 0; m < 1440; m++) {
        steady.append(",3");
        flip.append(m % 2 == 0 ? ",0" : ",2");
      }
      lines.add(steady.toString());
      lines.add(flip.toString());
    }
    trace = dir.resolve("tiny.csv");
    Files.write(trace, lines);
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = AquatopeCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void call_keepAliveOnTinyTrace_printsHandComputedScores() {
    Run r = run("forecast-bench", "--trace", trace.toString(), "--forecasters", "keep-alive", "--no-progress",
        "--latency-samples", "5");
    assertEquals(AquatopeCli.EXIT_OK, r.exit, r.err);
    String[] lines = r.out.split("\n");
    // default split for a 2-day function: train on day 1, test on day 2
    String steady = find(lines, "steady000001 keep-alive");
    String flip = find(lines, "flip00000002 keep-alive");
    assertTrue(steady.matches("steady000001 keep-alive\\s+1d\\s+1d\\s+0\\.00\\s+0\\.00\\s+0\\.000\\s+-\\s.*"), steady);
    assertTrue(flip.matches("flip00000002 keep-alive\\s+1d\\s+1d\\s+200\\.00\\s+200\\.00\\s+2\\.000\\s+-\\s.*"), flip);
    assertTrue(r.out.contains("mean SMAPE keep-alive     100.00%"), r.out);
    assertEquals("best forecaster by mean SMAPE: keep-alive (100.00%)", lines[lines.length - 1]);
  }

  @Test
  void call_defaultBundledTrace_timerKeepAliveMissesTwoWindowsPerFiring() throws IOException {
    Run r = run("forecast-bench", "--forecasters", "keep-alive", "--functions", "1ad3a333", "--json", "--no-progress",
        "--latency-samples", "0");
    assertEquals(AquatopeCli.EXIT_OK, r.exit, r.err);
    JsonNode result = new ObjectMapper().readTree(r.out).get("results").get(0);
    assertEquals("1ad3a3335bb2c127474fbfd71ef278319ad4c58ed0bfe4d5e152f77d18ebbe33", result.get("function").asText());
    assertEquals(4, result.get("trainDays").asInt());
    assertEquals(1, result.get("testDays").asInt());
    // a timer firing once every 30 minutes (48 single invocations on d05): keep-alive predicts 0 at
    // each firing and 1 in the minute after, 96 windows at 200% out of 1440
    assertEquals(96 * 2.0 / 1440, result.get("smape").asDouble(), 1e-12);
    assertEquals(96.0 / 1440, result.get("mae").asDouble(), 1e-12);
  }

  @Test
  void call_json_hasResultsAndBest() throws IOException {
    Run r = run("forecast-bench", "--trace", trace.toString(), "--forecasters", "keep-alive,fft", "--functions",
        "steady", "--json", "--no-progress", "--latency-samples", "3");
    assertEquals(AquatopeCli.EXIT_OK, r.exit, r.err);
    JsonNode root = new ObjectMapper().readTree(r.out);
    assertEquals(2, root.get("results").size());
    JsonNode keep = root.get("results").get(0);
    assertEquals("steady000001", keep.get("function").asText());
    assertEquals("keep-alive", keep.get("forecaster").asText());
    assertEquals(0.0, keep.get("smape").asDouble(), 0.0);
    assertTrue(keep.get("coverage90").isNull());
    // the FFT of a constant series is exact too, and it has an interval (std 0 on this data -> point)
    assertEquals(0.0, root.get("results").get(1).get("smape").asDouble(), 1e-9);
    assertEquals("keep-alive", root.get("best").asText()); // tie: the first listed wins
  }

  @Test
  void call_azure2019DayFolder_isDetectedAndConcatenated() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("azure"));
    StringBuilder header = new StringBuilder("HashOwner,HashApp,HashFunction,Trigger");
    for (int m = 1; m <= 1440; m++) {
      header.append(',').append(m);
    }
    for (int day = 1; day <= 3; day++) {
      StringBuilder row = new StringBuilder("owner,app,fn,timer");
      for (int m = 0; m < 1440; m++) {
        row.append(m % 10 == 0 ? ",1" : ",0");
      }
      try (OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(
          folder.resolve("invocations_per_function_md.anon.d0" + day + ".csv.gz")))) {
        out.write((header + "\n" + row + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    Run r = run("forecast-bench", "--trace", folder.toString(), "--forecasters", "keep-alive", "--json",
        "--no-progress", "--latency-samples", "0");
    assertEquals(AquatopeCli.EXIT_OK, r.exit, r.err);
    JsonNode result = new ObjectMapper().readTree(r.out).get("results").get(0);
    assertEquals(2, result.get("trainDays").asInt());
    assertEquals(1, result.get("testDays").asInt());
    // one firing every 10 minutes: keep-alive misses 2 of every 10 minutes at 200%
    assertEquals(2 * 2.0 / 10, result.get("smape").asDouble(), 1e-12);
  }

  @Test
  void call_savedModel_isUsedWithoutTraining() throws IOException {
    InvocationForecaster f = Providers.forecaster("keep-alive", 1L);
    f.fit(InvocationSeries.perMinute(FunctionId.of("x"), TriggerType.HTTP, Instant.EPOCH, new double[] {1, 2}));
    Path model = dir.resolve("keep.json");
    try (OutputStream out = Files.newOutputStream(model)) {
      f.save(out);
    }
    Run r = run("forecast-bench", "--trace", trace.toString(), "--forecasters", "keep-alive", "--functions",
        "flip", "--model", "keep-alive=" + model, "--json", "--no-progress", "--latency-samples", "0");
    assertEquals(AquatopeCli.EXIT_OK, r.exit, r.err);
    JsonNode result = new ObjectMapper().readTree(r.out).get("results").get(0);
    assertEquals(false, result.get("trainedHere").asBoolean());
    assertEquals(2.0, result.get("smape").asDouble(), 0.0);
  }

  @Test
  void call_badInputs_exitWithUsageOrInputCodes() {
    assertEquals(AquatopeCli.EXIT_USAGE, run("forecast-bench", "--trace", trace.toString(), "--functions", "nope",
        "--no-progress").exit);
    assertEquals(AquatopeCli.EXIT_USAGE, run("forecast-bench", "--trace", trace.toString(), "--forecasters",
        "no-such", "--no-progress").exit);
    assertEquals(AquatopeCli.EXIT_USAGE, run("forecast-bench", "--trace", trace.toString(), "--train-days", "2",
        "--test-days", "1", "--no-progress").exit);
    Run missing = run("forecast-bench", "--trace", dir.resolve("missing.csv").toString(), "--no-progress");
    assertEquals(AquatopeCli.EXIT_INPUT, missing.exit);
    assertTrue(missing.err.contains("missing.csv"), missing.err);
  }

  @Test
  void call_forkAlways_rowsEqualInProcessRun() {
    String[] args = {"forecast-bench", "--forecasters", "keep-alive,fft", "--functions", "1ad3a333,94a32ea3",
        "--no-progress", "--latency-samples", "0"};
    Run inProcess = run(concat(args, "--no-fork"));
    Run forked = run(concat(args, "--fork=always"));
    assertEquals(AquatopeCli.EXIT_OK, inProcess.exit, inProcess.err);
    assertEquals(AquatopeCli.EXIT_OK, forked.exit, forked.err);
    List<String> expected = scoreColumns(inProcess.out);
    assertEquals(4, expected.size(), inProcess.out);
    assertEquals(expected, scoreColumns(forked.out));
    // the mean SMAPE and best-forecaster lines are the same too
    assertEquals(inProcess.out.substring(inProcess.out.indexOf("mean SMAPE")),
        forked.out.substring(forked.out.indexOf("mean SMAPE")));
  }

  @Test
  void call_forkedChildFails_errorNamesFunctionAndExitCode() throws IOException {
    Path garbage = Files.writeString(dir.resolve("garbage.json"), "not a model");
    Run r = run("forecast-bench", "--trace", trace.toString(), "--forecasters", "keep-alive", "--model",
        "keep-alive=" + garbage, "--fork=always", "--no-progress", "--latency-samples", "0");
    assertEquals(AquatopeCli.EXIT_INPUT, r.exit, r.err);
    assertTrue(r.err.contains("function steady000001 failed with exit code " + AquatopeCli.EXIT_INPUT), r.err);
  }

  @Test
  void call_forkAutoWithoutDl4jForecaster_evaluatesInProcess() throws IOException {
    // the same failing model in-process: the load error itself, not a child JVM's exit code
    Path garbage = Files.writeString(dir.resolve("garbage.json"), "not a model");
    Run r = run("forecast-bench", "--trace", trace.toString(), "--forecasters", "keep-alive", "--model",
        "keep-alive=" + garbage, "--no-progress", "--latency-samples", "0");
    assertEquals(AquatopeCli.EXIT_INPUT, r.exit, r.err);
    assertTrue(r.err.contains("error:") && !r.err.contains("child JVM"), r.err);
  }

  @Test
  void call_badForkMode_exitsWithUsage() {
    Run r = run("forecast-bench", "--trace", trace.toString(), "--forecasters", "keep-alive", "--fork=sometimes",
        "--no-progress");
    assertEquals(AquatopeCli.EXIT_USAGE, r.exit);
    assertTrue(r.err.contains("--fork must be auto, always or never, was 'sometimes'"), r.err);
  }

  private static String[] concat(String[] args, String extra) {
    String[] out = java.util.Arrays.copyOf(args, args.length + 1);
    out[args.length] = extra;
    return out;
  }

  /** The function, forecaster, split, SMAPE, rSMAPE, MAE and cov90 columns of each table row. */
  private static List<String> scoreColumns(String table) {
    List<String> out = new ArrayList<>();
    for (String line : table.split("\n")) {
      String[] cols = line.trim().split("\\s+");
      if (cols.length == 11 && (cols[1].equals("keep-alive") || cols[1].equals("fft"))) {
        out.add(String.join(" ", java.util.Arrays.copyOf(cols, 8)));
      }
    }
    return out;
  }

  private static String find(String[] lines, String prefix) {
    for (String l : lines) {
      if (l.startsWith(prefix)) {
        return l;
      }
    }
    throw new AssertionError("no line starts with '" + prefix + "' in\n" + String.join("\n", lines));
  }
}
