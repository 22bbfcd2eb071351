package dev.aquatope.core.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aquatope.core.model.ConfigSpace;
import dev.aquatope.core.model.CostModel;
import dev.aquatope.core.model.Edge;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.Knob;
import dev.aquatope.core.model.KnobKind;
import dev.aquatope.core.model.LatencyStatistic;
import dev.aquatope.core.model.LinearCostModel;
import dev.aquatope.core.model.Parameter;
import dev.aquatope.core.model.QosTarget;
import dev.aquatope.core.model.Stage;
import dev.aquatope.core.model.Workflow;
import dev.aquatope.core.spi.ProfileRequest;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowDefinitionsTest {
  @TempDir
  Path tmp;

  private static String resource(String name) throws IOException {
    try (InputStream in = WorkflowDefinitionsTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String error(String json) {
    return assertThrows(WorkflowDefinitionException.class, () -> WorkflowDefinitions.parse(json, "w.json"))
        .getMessage();
  }

  @Test
  void parse_nativeFile_buildsEveryPart() throws IOException {
    WorkflowDefinition d = WorkflowDefinitions.parse(resource("video.json"), "video.json");
    Workflow wf = d.workflow();
    assertEquals(List.of("split", "transcode", "thumbnail", "merge"), wf.stages().stream().map(Stage::name).toList());
    assertEquals(FunctionId.of("video-split"), wf.stage("split").orElseThrow().function());
    assertEquals(FunctionId.of("merge"), wf.stage("merge").orElseThrow().function());
    assertEquals(List.of(new Edge("split", "transcode", 1.0, 4), new Edge("split", "thumbnail", 0.25, 1),
        Edge.of("transcode", "merge")), wf.edges());
    ConfigSpace s = d.space();
    assertEquals(2 + 3 * 3, s.dimension());
    assertEquals(new Parameter("split", Knob.cpu(0.5, 4, 0.5)), s.parameters().get(0));
    assertEquals(new Parameter("transcode", Knob.concurrency(1, 4)), s.parameters().get(3));
    assertEquals(new Parameter("merge", new Knob("codec", KnobKind.OTHER, 0, 2, 1)), s.parameters().get(10));
    // 8 * 8 split points, 20 * 4 * 3 for each of the 3 other stages
    assertEquals(BigInteger.valueOf(64L * 240 * 240 * 240), s.gridSize());
    assertEquals(new QosTarget(2.5, LatencyStatistic.P95), d.qos());
    assertEquals(new LinearCostModel(0.2, 0.01), d.costModel());
    assertEquals(new ProfileRequest(20, 2.0, false, "{\"video\":\"big.mp4\",\"sizes\":[1,2]}"), d.profileRequest());
    assertEquals(d.problem().space(), s);
  }

  @Test
  void toJson_thenParse_roundTrips() throws IOException {
    WorkflowDefinition d = WorkflowDefinitions.parse(resource("video.json"), "video.json");
    Path f = tmp.resolve("out.json");
    WorkflowDefinitions.write(d, f);
    assertEquals(d, WorkflowDefinitions.read(f));
    WorkflowDefinition proto = WorkflowDefinitions.parse(resource("hello-world-seq.json"), "hello.json");
    assertEquals(proto, WorkflowDefinitions.parse(WorkflowDefinitions.toJson(proto), "again.json"));
  }

  @Test
  void parse_prototypeWorkflowConfig_isAChainWithDefaultKnobs() throws IOException {
    WorkflowDefinition d = WorkflowDefinitions.parse(resource("hello-world-seq.json"), "hello-world-seq.json");
    assertEquals(Workflow.chain("hello-world-seq", "hello-world-0", "hello-world-1", "hello-world-2"), d.workflow());
    assertEquals(ConfigSpace.perStage(d.workflow(), WorkflowDefinitions.DEFAULT_KNOBS), d.space());
    assertEquals(BigInteger.valueOf(60L * 80).pow(3), d.space().gridSize()); // cpu 0.1..6.0 / 0.1, memory 128..10240 / 128
    assertEquals(QosTarget.meanBelow(5.0), d.qos());
    assertEquals(CostModel.azureLike(), d.costModel());
    assertEquals(new ProfileRequest(10, 1.0, true, "{\"name\":\"Azem\",\"place\":\"Elpis\"}"), d.profileRequest());
  }

  @Test
  void parse_prototypeFunctionWithDots_getsASafeStageName() {
    WorkflowDefinition d = WorkflowDefinitions.parse(
        "{\"name\":\"p\",\"functions\":[\"ns/pkg.fn\",\"b\"],\"qos\":1}", "p.json");
    assertEquals(new Stage("ns/pkg_fn", FunctionId.of("ns/pkg.fn")), d.workflow().stages().get(0));
  }

  @Test
  void parse_chain_declaresStagesAndEdges() {
    WorkflowDefinition d = WorkflowDefinitions.parse("{\"name\":\"c\",\"chain\":[\"x\",\"y\"],\"qos\":2,"
        + "\"knobs\":{\"memory\":{\"min\":128,\"max\":256,\"step\":128}}}", "c.json");
    assertEquals(Workflow.chain("c", "x", "y"), d.workflow());
    assertEquals(2, d.space().dimension());
  }

  @Test
  void parse_missingField_namesIt() {
    assertEquals("w.json: name: missing (required)", error("{\"chain\":[\"a\"],\"qos\":1}"));
    assertEquals("w.json: qos: missing (required)", error("{\"name\":\"w\",\"chain\":[\"a\"]}"));
    assertEquals("w.json: stages[1].name: missing (required)",
        error("{\"name\":\"w\",\"stages\":[{\"name\":\"a\"},{\"function\":\"f\"}],\"qos\":1}"));
    assertEquals("w.json: stages[0].knobs.cpu.step: missing (required)",
        error("{\"name\":\"w\",\"stages\":[{\"name\":\"a\",\"knobs\":{\"cpu\":{\"min\":1,\"max\":2}}}],\"qos\":1}"));
  }

  @Test
  void parse_wrongType_namesFieldAndValue() {
    assertEquals("w.json: qos.boundSeconds: expected a number, was a string (\"fast\")",
        error("{\"name\":\"w\",\"chain\":[\"a\"],\"qos\":{\"boundSeconds\":\"fast\"}}"));
    assertEquals("w.json: stages: expected an array, was an object ({\"a\":1})",
        error("{\"name\":\"w\",\"stages\":{\"a\":1},\"qos\":1}"));
    assertEquals("w.json: profile.requests: expected an integer, was a number (2.5)",
        error("{\"name\":\"w\",\"chain\":[\"a\"],\"qos\":1,\"profile\":{\"requests\":2.5}}"));
  }

  @Test
  void parse_negativeStep_namesTheKnob() {
    String json = "{\"name\":\"w\",\"stages\":[{\"name\":\"a\"},{\"name\":\"b\"},"
        + "{\"name\":\"c\",\"knobs\":{\"cpu\":{\"min\":0.1,\"max\":1,\"step\":-0.1}}}],\"qos\":1}";
    assertEquals("w.json: stages[2].knobs.cpu.step: must be > 0, was -0.1", error(json));
  }

  @Test
  void parse_stepNotDividingTheRange_namesTheKnob() {
    assertEquals("w.json: knobs.cpu: (max - min) / step must be a whole number, was 2.5 for knob 'cpu'",
        error("{\"name\":\"w\",\"chain\":[\"a\"],\"qos\":1,\"knobs\":{\"cpu\":{\"min\":1,\"max\":2,\"step\":0.4}}}"));
  }

  @Test
  void parse_cycle_namesTheStages() {
    String json = "{\"name\":\"w\",\"stages\":[{\"name\":\"a\"},{\"name\":\"b\"},{\"name\":\"c\"}],"
        + "\"edges\":[{\"from\":\"a\",\"to\":\"b\"},{\"from\":\"b\",\"to\":\"c\"},{\"from\":\"c\",\"to\":\"b\"}],"
        + "\"qos\":1}";
    assertEquals("w.json: edges: workflow 'w' has a cycle through stages [b, c]", error(json));
  }

  @Test
  void parse_unknownStageInEdge_namesTheEdge() {
    String json = "{\"name\":\"w\",\"stages\":[{\"name\":\"a\"},{\"name\":\"b\"}],"
        + "\"edges\":[{\"from\":\"a\",\"to\":\"b\"},{\"from\":\"b\",\"to\":\"x\"}],\"qos\":1}";
    assertEquals("w.json: edges[1].to: unknown stage 'x'; stages are [a, b]", error(json));
  }

  @Test
  void parse_otherMistakes_areNamed() {
    assertEquals("w.json: stgaes: unknown field (known fields: name, stages, chain, edges, knobs, qos, cost, profile)",
        error("{\"name\":\"w\",\"stgaes\":[],\"chain\":[\"a\"],\"qos\":1}"));
    assertEquals("w.json: edges[0].probability: must be in (0, 1], was 1.5",
        error("{\"name\":\"w\",\"stages\":[{\"name\":\"a\"},{\"name\":\"b\"}],"
            + "\"edges\":[{\"from\":\"a\",\"to\":\"b\",\"probability\":1.5}],\"qos\":1}"));
    assertEquals("w.json: stages[1].name: duplicate stage name 'a'",
        error("{\"name\":\"w\",\"stages\":[{\"name\":\"a\"},{\"name\":\"a\"}],\"qos\":1}"));
    assertEquals("w.json: qos: must be > 0 seconds, was -1.0", error("{\"name\":\"w\",\"chain\":[\"a\"],\"qos\":-1}"));
    assertEquals("w.json: qos.statistic: statistic must be one of mean, p50, p90, p95, p99; was 'p42'",
        error("{\"name\":\"w\",\"chain\":[\"a\"],\"qos\":{\"statistic\":\"p42\",\"boundSeconds\":1}}"));
    assertEquals("w.json: chain: give either 'chain' or 'edges', not both",
        error("{\"name\":\"w\",\"chain\":[\"a\"],\"edges\":[],\"qos\":1}"));
  }

  @Test
  void read_malformedJson_namesTheFileAndPosition() throws IOException {
    Path f = tmp.resolve("broken.json");
    Files.writeString(f, "{\"name\": \"w\",\n \"qos\": }");
    WorkflowDefinitionException e = assertThrows(WorkflowDefinitionException.class, () -> WorkflowDefinitions.read(f));
    assertEquals("broken.json", e.source());
    assertEquals("", e.path());
    assertEquals(true, e.getMessage().startsWith("broken.json: malformed JSON: "), e.getMessage());
    assertEquals(true, e.getMessage().contains("line 2"), e.getMessage());
  }
}
