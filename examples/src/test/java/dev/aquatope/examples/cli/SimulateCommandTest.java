package dev.aquatope.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulateCommandTest {

  private static String run(String... args) {
    CommandLine cl = AquatopeCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    assertEquals(AquatopeCli.EXIT_OK, code, err.toString());
    return out.toString();
  }

  @Test
  void simulate_oneDayJson_countsEveryInvocation() throws Exception {
    JsonNode j = new ObjectMapper().readTree(run("simulate", "--days", "1", "--json", "--no-progress", "--seed", "3"));
    // day d01 of function 40d07b99... has 16,118 invocations; ml-pipeline runs each of its 4 stages once
    assertEquals(1440, j.get("traceMinutes").asInt());
    assertEquals(16118.0, j.get("traceInvocations").asDouble());
    assertEquals(16118, j.get("workflowInvocations").asLong());
    assertEquals(4 * 16118, j.get("stageExecutions").asLong());
    assertEquals(4, j.get("functions").size());
    for (JsonNode f : j.get("functions")) {
      assertEquals(16118, f.get("invocations").asLong());
      long cold = f.get("coldStarts").asLong();
      assertTrue(cold >= 1 && cold < 16118, f.toString());
      assertEquals((double) cold / 16118, f.get("coldStartRate").asDouble(), 1e-12);
      assertTrue(f.get("latencyP99Seconds").asDouble() >= f.get("latencyP50Seconds").asDouble());
      assertTrue(f.get("memoryGbSeconds").asDouble() > 0);
    }
    // the detect stage (3.3 s of work at 1 vCPU, 1536 MB working set in 1024 MB -> x2.25) has a median above 7 s
    assertEquals("detect", j.get("functions").get(1).get("stage").asText());
    assertTrue(j.get("functions").get(1).get("latencyP50Seconds").asDouble() > 7.0);
  }

  @Test
  void simulate_sameSeed_sameNumbers() throws Exception {
    ObjectMapper m = new ObjectMapper();
    String[] args = {"simulate", "--days", "1", "--json", "--no-progress", "--seed", "5", "--rate-scale", "0.5"};
    JsonNode a = m.readTree(run(args));
    JsonNode b = m.readTree(run(args));
    assertEquals(a.get("functions"), b.get("functions"));
    assertEquals(a.get("workflowLatencyP50Seconds"), b.get("workflowLatencyP50Seconds"));
  }

  @Test
  void simulate_table_printsEveryStageAndThroughput() {
    String out = run("simulate", "--days", "1", "--no-progress", "--workflow", "chain(2)", "--keep-alive", "1m");
    assertTrue(out.contains("s1 "), out);
    assertTrue(out.contains("s2 "), out);
    assertTrue(out.contains("16118"), out);
    assertTrue(out.contains("stage executions/s"), out);
    assertTrue(out.contains("keep-alive PT1M"), out);
  }

  @Test
  void simulate_unknownWorkflow_isUsageError() {
    CommandLine cl = AquatopeCli.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(new StringWriter()));
    assertEquals(AquatopeCli.EXIT_USAGE, cl.execute("simulate", "--workflow", "nope", "--no-progress"));
  }

  @Test
  void parseDuration_shortAndIsoForms() {
    assertEquals(Duration.ofMinutes(10), SimulateCommand.parseDuration("10m"));
    assertEquals(Duration.ofSeconds(90), SimulateCommand.parseDuration("90s"));
    assertEquals(Duration.ofHours(1), SimulateCommand.parseDuration("PT1H"));
    assertEquals(Duration.ofMillis(1500), SimulateCommand.parseDuration("1.5s"));
  }
}
