package dev.aquatope.core.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.aquatope.core.util.Checks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes workflow definition files (JSON).
 *
 * <p><b>Native format.</b> Every field except {@code name}, the stages and {@code qos} is optional.
 * <pre>{@code
 * {
 *   "name": "video",
 *   "stages": [
 *     {"name": "split", "function": "video-split",
 *      "knobs": {"cpu": {"min": 0.5, "max": 4, "step": 0.5}, "memory": {"min": 256, "max": 2048, "step": 256}}},
 *     {"name": "transcode"},
 *     {"name": "merge"}
 *   ],
 *   "edges": [
 *     {"from": "split", "to": "transcode", "multiplicity": 4},
 *     {"from": "transcode", "to": "merge", "probability": 1.0}
 *   ],
 *   "knobs": {"cpu": {"min": 0.1, "max": 2, "step": 0.1}, "concurrency": {"min": 1, "max": 4}},
 *   "qos": {"statistic": "p95", "boundSeconds": 2.5},
 *   "cost": {"dollarsPerVcpuHour": 0.173, "dollarsPerGbHour": 0.0123},
 *   "profile": {"requests": 20, "ratePerSecond": 2.0, "warm": true, "body": {"video": "big.mp4"}}
 * }
 * }</pre>
 * <ul>
 *   <li>{@code stages[i].function} defaults to the stage's name. Instead of {@code stages} and
 *       {@code edges}, {@code "chain": ["a", "b", "c"]} declares a chain (it may also order
 *       stages declared in {@code stages}); {@code chain} and {@code edges} exclude each other.
 *   <li>{@code edges[i].probability} defaults to 1 and {@code multiplicity} to 1 (see
 *       {@link Edge} for their meaning).
 *   <li>Knobs: an object from knob name to {@code {"kind", "min", "max", "step"}}. {@code kind}
 *       is {@code cpu}, {@code memory}, {@code concurrency} or {@code other}, and defaults from
 *       the knob's name ({@code cpu}, {@code memory}, {@code concurrency}, else {@code other});
 *       {@code step} defaults to 1 for concurrency knobs and is required otherwise. A stage
 *       without its own {@code knobs} gets the top-level {@code knobs}; if neither is given,
 *       the default knobs are {@code cpu} in [0.1, 6.0] vCPU step 0.1 and {@code memory} in
 *       [128, 10240] MB step 128 (the prototype's ranges).
 *   <li>{@code qos}: either {@code {"statistic": "mean|p50|p90|p95|p99", "boundSeconds": x}}
 *       ({@code statistic} defaults to {@code mean}) or a bare number of seconds (mean latency).
 *   <li>{@code cost} defaults to {@link CostModel#azureLike()}.
 *   <li>{@code profile} defaults to 10 warm requests at 1 per second with body {@code {}};
 *       {@code body} is any JSON value and is sent as its JSON text.
 * </ul>
 *
 * <p><b>Prototype format.</b> The AQUATOPE prototype's {@code workflow_config} files are accepted:
 * {@code {"name": "seq", "functions": ["f0", "f1"], "params": {...}, "qos": 5.0}}: {@code functions}
 * is an ordered chain (stage names are the function names with '.' replaced by '_'),
 * {@code params} is the invocation body, {@code qos} the mean end-to-end latency bound in
 * seconds, and the default knobs apply unless {@code knobs} is given.
 *
 * <p><b>Errors.</b> Every mistake raises a {@link WorkflowDefinitionException} whose message
 * names the file, the JSON path and the problem, e.g.
 * {@code video.json: stages[2].knobs.cpu.step: must be > 0, was -0.1}. Unknown fields are
 * rejected, so typos do not go unnoticed.
 */
public final class WorkflowDefinitions {
  /** The default knobs of a stage when a file gives none: cpu and memory with the prototype's ranges. */
  public static final List<Knob> DEFAULT_KNOBS = List.of(Knob.cpu(0.1, 6.0, 0.1), Knob.memory(128, 10240, 128));
  /** The default profiling load: 10 warm requests at 1 per second with an empty body. */
  public static final ProfileRequest DEFAULT_PROFILE = new ProfileRequest(10, 1.0, true, "{}");

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> NATIVE_FIELDS =
      List.of("name", "stages", "chain", "edges", "knobs", "qos", "cost", "profile");
  private static final List<String> PROTOTYPE_FIELDS =
      List.of("name", "functions", "params", "qos", "knobs", "cost", "profile");

  private WorkflowDefinitions() {}

  /**
   * Reads a definition file.
   *
   * @param file the JSON file
   * @return the definition
   * @throws IOException if the file cannot be read
   * @throws WorkflowDefinitionException if the JSON is malformed or the definition invalid
   */
  public static WorkflowDefinition read(Path file) throws IOException {
    Checks.notNull("file", file);
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
  }

  /**
   * Parses a definition from JSON text.
   *
   * @param json the document
   * @param source a name for error messages (usually the file name)
   * @return the definition
   * @throws WorkflowDefinitionException if the JSON is malformed or the definition invalid
   */
  public static WorkflowDefinition parse(String json, String source) {
    Checks.notNull("json", json);
    Checks.nonBlank("source", source);
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new WorkflowDefinitionException(source, "", "malformed JSON: " + e.getOriginalMessage()
          + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new WorkflowDefinitionException(source, "", "empty document", null);
    }
    JsonCursor doc = new JsonCursor(source, "", root);
    if (!root.isObject()) {
      throw doc.fail("expected a JSON object at the top level");
    }
    return doc.field("functions").isPresent() ? readPrototype(doc) : readNative(doc);
  }

  private static WorkflowDefinition readNative(JsonCursor doc) {
    doc.rejectUnknownFields(NATIVE_FIELDS);
    String name = doc.field("name").string();
    List<Knob> defaultKnobs = doc.field("knobs").isPresent() ? readKnobs(doc.field("knobs")) : DEFAULT_KNOBS;

    Map<String, Stage> stages = new LinkedHashMap<>();
    Map<String, List<Knob>> knobs = new LinkedHashMap<>();
    JsonCursor stagesNode = doc.field("stages");
    JsonCursor chainNode = doc.field("chain");
    JsonCursor edgesNode = doc.field("edges");
    if (!stagesNode.isPresent() && !chainNode.isPresent()) {
      throw doc.field("stages").fail("missing (required unless 'chain' is given)");
    }
    if (stagesNode.isPresent()) {
      for (JsonCursor s : stagesNode.requireArray(true)) {
        s.requireObject().rejectUnknownFields(List.of("name", "function", "knobs"));
        JsonCursor nameNode = s.field("name");
        String stageName = nameNode.string();
        String function = s.field("function").isPresent() ? s.field("function").string() : stageName;
        Stage stage = nameNode.build(() -> new Stage(stageName, FunctionId.of(function)));
        if (stages.put(stageName, stage) != null) {
          throw nameNode.fail("duplicate stage name '" + stageName + "'");
        }
        knobs.put(stageName, s.field("knobs").isPresent() ? readKnobs(s.field("knobs")) : defaultKnobs);
      }
    }
    List<Edge> edges = new ArrayList<>();
    if (chainNode.isPresent()) {
      if (edgesNode.isPresent()) {
        throw chainNode.fail("give either 'chain' or 'edges', not both");
      }
      List<JsonCursor> chain = chainNode.requireArray(true);
      boolean declared = stagesNode.isPresent();
      Set<String> seen = new LinkedHashSet<>();
      for (JsonCursor c : chain) {
        String stageName = c.string();
        if (!seen.add(stageName)) {
          throw c.fail("stage '" + stageName + "' appears twice in the chain");
        }
        if (declared && !stages.containsKey(stageName)) {
          throw c.fail("unknown stage '" + stageName + "'; stages are " + stages.keySet());
        }
        if (!declared) {
          stages.put(stageName, c.build(() -> Stage.of(stageName)));
          knobs.put(stageName, defaultKnobs);
        }
      }
      List<String> order = new ArrayList<>(seen);
      for (int i = 1; i < order.size(); i++) {
        edges.add(Edge.of(order.get(i - 1), order.get(i)));
      }
    } else if (edgesNode.isPresent()) {
      for (JsonCursor e : edgesNode.requireArray(false)) {
        e.requireObject().rejectUnknownFields(List.of("from", "to", "probability", "multiplicity"));
        String from = stageRef(e.field("from"), stages);
        String to = stageRef(e.field("to"), stages);
        double probability = e.field("probability").number(1.0);
        if (!(probability > 0 && probability <= 1)) {
          throw e.field("probability").fail("must be in (0, 1], was " + probability);
        }
        int multiplicity = e.field("multiplicity").integer(1);
        if (multiplicity < 1) {
          throw e.field("multiplicity").fail("must be >= 1, was " + multiplicity);
        }
        edges.add(e.build(() -> new Edge(from, to, probability, multiplicity)));
      }
    }
    JsonCursor where = edgesNode.isPresent() ? edgesNode : chainNode.isPresent() ? chainNode : stagesNode;
    Workflow workflow = where.build(() -> new Workflow(name, new ArrayList<>(stages.values()), edges));
    return finish(doc, workflow, knobs, readQos(doc.field("qos")), readProfile(doc.field("profile"), null));
  }

  private static WorkflowDefinition readPrototype(JsonCursor doc) {
    doc.rejectUnknownFields(PROTOTYPE_FIELDS);
    String name = doc.field("name").string();
    List<Knob> defaultKnobs = doc.field("knobs").isPresent() ? readKnobs(doc.field("knobs")) : DEFAULT_KNOBS;
    Map<String, Stage> stages = new LinkedHashMap<>();
    Map<String, List<Knob>> knobs = new LinkedHashMap<>();
    List<Edge> edges = new ArrayList<>();
    String previous = null;
    for (JsonCursor f : doc.field("functions").requireArray(true)) {
      String function = f.string();
      String stageName = function.replace('.', '_');
      Stage stage = f.build(() -> new Stage(stageName, FunctionId.of(function)));
      if (stages.put(stageName, stage) != null) {
        throw f.fail("function '" + function + "' appears twice in the chain");
      }
      knobs.put(stageName, defaultKnobs);
      if (previous != null) {
        edges.add(Edge.of(previous, stageName));
      }
      previous = stageName;
    }
    Workflow workflow = doc.field("functions").build(() -> new Workflow(name, new ArrayList<>(stages.values()), edges));
    JsonCursor params = doc.field("params");
    if (params.isPresent() && doc.field("profile").field("body").isPresent()) {
      throw params.fail("give either 'params' or 'profile.body', not both");
    }
    String body = params.isPresent() ? params.node().toString() : null;
    return finish(doc, workflow, knobs, readQos(doc.field("qos")), readProfile(doc.field("profile"), body));
  }

  private static WorkflowDefinition finish(JsonCursor doc, Workflow workflow, Map<String, List<Knob>> knobs,
      QosTarget qos, ProfileRequest profile) {
    List<Parameter> parameters = new ArrayList<>();
    for (Stage s : workflow.stages()) {
      for (Knob k : knobs.get(s.name())) {
        parameters.add(new Parameter(s.name(), k));
      }
    }
    ConfigSpace space = doc.build(() -> new ConfigSpace(parameters));
    CostModel cost = readCost(doc.field("cost"));
    return doc.build(() -> new WorkflowDefinition(workflow, space, qos, cost, profile));
  }

  private static String stageRef(JsonCursor c, Map<String, Stage> stages) {
    String s = c.string();
    if (!stages.containsKey(s)) {
      throw c.fail("unknown stage '" + s + "'; stages are " + stages.keySet());
    }
    return s;
  }

  private static List<Knob> readKnobs(JsonCursor node) {
    node.requireObject();
    if (node.node().isEmpty()) {
      throw node.fail("must declare at least one knob");
    }
    List<Knob> out = new ArrayList<>();
    for (Map.Entry<String, JsonCursor> e : node.fields()) {
      String knobName = e.getKey();
      JsonCursor k = e.getValue().requireObject();
      k.rejectUnknownFields(List.of("kind", "min", "max", "step"));
      KnobKind kind = k.field("kind").isPresent() ? parseKind(k.field("kind")) : defaultKind(knobName);
      double min = k.field("min").number();
      double max = k.field("max").number();
      if (max < min) {
        throw k.field("max").fail("must be >= min (" + min + "), was " + max);
      }
      double step = kind == KnobKind.CONCURRENCY ? k.field("step").number(1.0) : k.field("step").number();
      if (!(step > 0)) {
        throw k.field("step").fail("must be > 0, was " + step);
      }
      out.add(k.build(() -> new Knob(knobName, kind, min, max, step)));
    }
    return out;
  }

  private static KnobKind parseKind(JsonCursor c) {
    String s = c.string();
    try {
      return KnobKind.valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw c.fail("must be one of cpu, memory, concurrency, other; was '" + s + "'");
    }
  }

  private static KnobKind defaultKind(String knobName) {
    switch (knobName) {
      case Knob.CPU:
        return KnobKind.CPU;
      case Knob.MEMORY:
        return KnobKind.MEMORY;
      case Knob.CONCURRENCY:
        return KnobKind.CONCURRENCY;
      default:
        return KnobKind.OTHER;
    }
  }

  private static QosTarget readQos(JsonCursor q) {
    q.requirePresent();
    if (q.node().isNumber()) {
      double bound = q.number();
      if (!(bound > 0)) {
        throw q.fail("must be > 0 seconds, was " + bound);
      }
      return QosTarget.meanBelow(bound);
    }
    if (!q.node().isObject()) {
      throw q.fail("expected an object {\"statistic\", \"boundSeconds\"} or a number of seconds, was "
          + q.node().getNodeType().toString().toLowerCase(Locale.ROOT) + " (" + q.node() + ")");
    }
    q.rejectUnknownFields(List.of("statistic", "boundSeconds"));
    LatencyStatistic statistic = LatencyStatistic.MEAN;
    if (q.field("statistic").isPresent()) {
      String s = q.field("statistic").string();
      statistic = q.field("statistic").build(() -> LatencyStatistic.parse(s));
    }
    double bound = q.field("boundSeconds").number();
    if (!(bound > 0)) {
      throw q.field("boundSeconds").fail("must be > 0, was " + bound);
    }
    LatencyStatistic st = statistic;
    return q.build(() -> new QosTarget(bound, st));
  }

  private static CostModel readCost(JsonCursor c) {
    if (!c.isPresent()) {
      return CostModel.azureLike();
    }
    c.requireObject().rejectUnknownFields(List.of("dollarsPerVcpuHour", "dollarsPerGbHour"));
    double cpu = c.field("dollarsPerVcpuHour").number();
    if (cpu < 0) {
      throw c.field("dollarsPerVcpuHour").fail("must be >= 0, was " + cpu);
    }
    double mem = c.field("dollarsPerGbHour").number();
    if (mem < 0) {
      throw c.field("dollarsPerGbHour").fail("must be >= 0, was " + mem);
    }
    return new LinearCostModel(cpu, mem);
  }

  private static ProfileRequest readProfile(JsonCursor p, String prototypeBody) {
    if (!p.isPresent()) {
      return prototypeBody == null ? DEFAULT_PROFILE
          : new ProfileRequest(DEFAULT_PROFILE.requests(), DEFAULT_PROFILE.ratePerSecond(), DEFAULT_PROFILE.warm(),
              prototypeBody);
    }
    p.requireObject().rejectUnknownFields(List.of("requests", "ratePerSecond", "warm", "body"));
    int requests = p.field("requests").integer(DEFAULT_PROFILE.requests());
    if (requests < 1) {
      throw p.field("requests").fail("must be >= 1, was " + requests);
    }
    double rate = p.field("ratePerSecond").number(DEFAULT_PROFILE.ratePerSecond());
    if (!(rate > 0)) {
      throw p.field("ratePerSecond").fail("must be > 0, was " + rate);
    }
    boolean warm = p.field("warm").bool(DEFAULT_PROFILE.warm());
    String body = p.field("body").isPresent() ? p.field("body").node().toString()
        : prototypeBody != null ? prototypeBody : DEFAULT_PROFILE.body();
    return new ProfileRequest(requests, rate, warm, body);
  }

  /**
   * Writes a definition in the native format; {@link #parse} of the result gives an equal
   * definition.
   *
   * @param definition the definition
   * @return pretty-printed JSON
   * @throws IllegalArgumentException if the cost model is not a {@link LinearCostModel} (other
   *     cost models have no file representation)
   */
  public static String toJson(WorkflowDefinition definition) {
    Checks.notNull("definition", definition);
    if (!(definition.costModel() instanceof LinearCostModel cost)) {
      throw new IllegalArgumentException("costModel must be a LinearCostModel to be written, was "
          + definition.costModel().getClass().getName());
    }
    ObjectNode root = MAPPER.createObjectNode();
    Workflow wf = definition.workflow();
    root.put("name", wf.name());
    ArrayNode stages = root.putArray("stages");
    for (Stage s : wf.stages()) {
      ObjectNode sn = stages.addObject();
      sn.put("name", s.name());
      sn.put("function", s.function().value());
      ObjectNode kn = sn.putObject("knobs");
      for (Parameter p : definition.space().parameters()) {
        if (p.stage().equals(s.name())) {
          Knob k = p.knob();
          ObjectNode one = kn.putObject(k.name());
          one.put("kind", k.kind().name().toLowerCase(Locale.ROOT));
          one.put("min", k.min());
          one.put("max", k.max());
          one.put("step", k.step());
        }
      }
    }
    ArrayNode edges = root.putArray("edges");
    for (Edge e : wf.edges()) {
      ObjectNode en = edges.addObject();
      en.put("from", e.from());
      en.put("to", e.to());
      en.put("probability", e.probability());
      en.put("multiplicity", e.multiplicity());
    }
    ObjectNode qos = root.putObject("qos");
    qos.put("statistic", definition.qos().statistic().name().toLowerCase(Locale.ROOT));
    qos.put("boundSeconds", definition.qos().boundSeconds());
    ObjectNode cn = root.putObject("cost");
    cn.put("dollarsPerVcpuHour", cost.dollarsPerVcpuHour());
    cn.put("dollarsPerGbHour", cost.dollarsPerGbHour());
    ObjectNode pn = root.putObject("profile");
    ProfileRequest pr = definition.profileRequest();
    pn.put("requests", pr.requests());
    pn.put("ratePerSecond", pr.ratePerSecond());
    pn.put("warm", pr.warm());
    try {
      pn.set("body", MAPPER.readTree(pr.body()));
    } catch (JsonProcessingException e) {
      // A body that is not JSON text is kept as a JSON string.
      pn.put("body", pr.body());
    }
    try {
      return MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a JSON tree", e);
    }
  }

  /**
   * Writes a definition to a file in the native format.
   *
   * @param definition the definition
   * @param file the file, replaced if it exists
   * @throws IOException if writing fails
   */
  public static void write(WorkflowDefinition definition, Path file) throws IOException {
    Files.writeString(file, toJson(definition), StandardCharsets.UTF_8);
  }
}
