package dev.aquatope.openwhisk.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful fake of OpenWhisk's controller and invokers, on {@link HttpServer} bound to
 * {@code 127.0.0.1} on an ephemeral port. Time is a {@link FakeClock}: invocations run in
 * virtual time and their records become visible once the clock passes their {@code end}.
 *
 * <p>Simulated: namespaces and limits; {@code GET /}; actions with partial-merge {@code PUT},
 * limit ranges (400), 409 without overwrite, 404; Basic auth (401); blocking/non-blocking invoke
 * (200, 202 when the run exceeds {@code timeout}, 502 for application errors); per-action
 * containers with an idle timeout, stem cells per (kind, memory) replenished after a delay,
 * cold/prewarm/warm starts with {@code initTime}/{@code waitTime}; sequences with component
 * records; the activations list with {@code name/since/upto/limit/skip/docs/count}; throttling
 * (429) after {@code invocationsPerMinute}; PR #4790 {@code /config/runtime} and
 * {@code /getRuntime}; the AQUATOPE fork's manifest endpoints ({@code /fork/runtime}); and
 * injected faults (status codes, slow responses, dropped connections).
 */
public final class FakeOpenWhisk implements AutoCloseable {
  /** The guest key of OpenWhisk's development deployments. */
  public static final String GUEST_KEY =
      "23bc46b1-71f6-4ed5-8c54-816aa4f8c502:123zO3xZCLrMN6v2BKK1dXYFpXlPkccOFqm12CdAsMgRU4VrNZ9lyGVCGuMDGIwP";
  /** The namespace of {@link #GUEST_KEY}. */
  public static final String NAMESPACE = "guest";
  /** Controller admin credentials (PR #4790 defaults). */
  public static final String CONTROLLER_USER = "controller.user";
  /** Controller admin password. */
  public static final String CONTROLLER_PASS = "controller.pass";
  /** Invoker admin credentials. */
  public static final String INVOKER_USER = "invoker.user";
  /** Invoker admin password. */
  public static final String INVOKER_PASS = "invoker.pass";

  /** How long an action runs, in virtual ms. */
  @FunctionalInterface
  public interface LatencyModel {
    /**
     * The run time (excluding init).
     *
     * @param action the action's name
     * @param memoryMb its memory limit
     * @param cpu its cpu limit (0.2 when not set)
     * @return ms, {@code >= 0}
     */
    long runMillis(String action, int memoryMb, double cpu);
  }

  /** An injected fault, consumed by the first matching request. */
  public record Fault(Kind kind, int status, long delayMs, String pathContains, String body) {
    /** Fault kinds. */
    public enum Kind { STATUS, SLOW, DROP }

    /** Answers {@code status} with an error body. */
    public static Fault status(int status) {
      return new Fault(Kind.STATUS, status, 0, null, null);
    }

    /** Answers {@code status} with {@code body}. */
    public static Fault status(int status, String body) {
      return new Fault(Kind.STATUS, status, 0, null, body);
    }

    /** Sleeps {@code ms} of real time, then handles the request normally. */
    public static Fault slow(long ms) {
      return new Fault(Kind.SLOW, 0, ms, null, null);
    }

    /** Closes the connection without a response. */
    public static Fault drop() {
      return new Fault(Kind.DROP, 0, 0, null, null);
    }
  }

  /** A recorded request (no credentials). */
  public record Recorded(String method, String path, String query, String body) {}

  private static final class StoredAction {
    String name;
    int version;
    ObjectNode exec;
    ObjectNode limits;
    ArrayNode annotations;
    ArrayNode parameters;
    long updated;
    boolean failing;
  }

  private static final class Container {
    final String action;
    final int version;
    long busyUntil;
    long lastUsed;

    Container(String action, int version) {
      this.action = action;
      this.version = version;
    }
  }

  private static final class StemPool {
    final List<Long> readyAt = new ArrayList<>();
  }

  private final Object lock = new Object();
  private final ObjectMapper mapper = new ObjectMapper();
  private final FakeClock clock;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, StoredAction> actions = new LinkedHashMap<>();
  private final Map<String, ObjectNode> activations = new LinkedHashMap<>();
  private final Map<String, List<Container>> containers = new HashMap<>();
  private final Map<String, StemPool> stemCells = new LinkedHashMap<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final Deque<Long> invocationTimes = new ArrayDeque<>();
  private final List<Recorded> requests = new ArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private ObjectNode runtimeManifest;
  private String key = GUEST_KEY;
  private boolean cpuEnabled;
  private int maxMemoryMb = 2048;
  private int invocationsPerMinute = 600;
  private long coldStartMs = 500;
  private long initMs = 100;
  private long warmWaitMs = 3;
  private long prewarmWaitMs = 8;
  private long controllerWaitMs = 2;
  private long idleTimeoutMs = 600_000;
  private boolean advanceClockOnBlockingInvoke;
  private LatencyModel latency = (a, m, c) -> 100;

  /**
   * Starts a fake on {@code 127.0.0.1} at an ephemeral port.
   *
   * @param clock the virtual clock
   * @throws IOException if the server cannot bind
   */
  public FakeOpenWhisk(FakeClock clock) throws IOException {
    this.clock = clock;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    this.executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    runtimeManifest = mapper.createObjectNode();
    runtimeManifest.putObject("runtimes");
    runtimeManifest.putArray("blackboxes");
  }

  /** {@code http://127.0.0.1:port}. */
  public String apiHost() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The clock. */
  public FakeClock clock() {
    return clock;
  }

  // ------------------------------------------------------------------ configuration

  /** Enables PR #4648 per-action CPU limits in [0.1, maxCpu]. */
  public FakeOpenWhisk cpuEnabled(boolean enabled) {
    synchronized (lock) {
      cpuEnabled = enabled;
    }
    return this;
  }

  /** Sets the latency model. */
  public FakeOpenWhisk latency(LatencyModel model) {
    synchronized (lock) {
      latency = model;
    }
    return this;
  }

  /** Sets the throttle on invocations per sliding virtual minute. */
  public FakeOpenWhisk invocationsPerMinute(int n) {
    synchronized (lock) {
      invocationsPerMinute = n;
    }
    return this;
  }

  /** Sets cold start (container creation) and init times in ms. */
  public FakeOpenWhisk startTimes(long coldMs, long initMillis) {
    synchronized (lock) {
      coldStartMs = coldMs;
      initMs = initMillis;
    }
    return this;
  }

  /** Sets the idle timeout of warm containers in ms. */
  public FakeOpenWhisk idleTimeoutMs(long ms) {
    synchronized (lock) {
      idleTimeoutMs = ms;
    }
    return this;
  }

  /** Whether a blocking invocation moves the clock to its end (a closed-loop client waits). */
  public FakeOpenWhisk advanceClockOnBlockingInvoke(boolean advance) {
    synchronized (lock) {
      advanceClockOnBlockingInvoke = advance;
    }
    return this;
  }

  /** Replaces the key that authenticates. */
  public FakeOpenWhisk key(String k) {
    synchronized (lock) {
      key = k;
    }
    return this;
  }

  /** Declares a runtime kind with {@code count} stem cells of {@code memoryMb} (ready now). */
  public FakeOpenWhisk stemCell(String kind, int memoryMb, int count) {
    synchronized (lock) {
      ObjectNode family = (ObjectNode) runtimeManifest.path("runtimes");
      String fam = kind.contains(":") ? kind.substring(0, kind.indexOf(':')) : kind;
      ArrayNode arr = family.has(fam) ? (ArrayNode) family.get(fam) : family.putArray(fam);
      ObjectNode entry = arr.addObject();
      entry.put("kind", kind).put("default", true).put("deprecated", false);
      entry.putObject("image").put("prefix", "openwhisk").put("name", "action-" + fam).put("tag", "nightly");
      entry.putArray("stemCells").addObject().put("initialCount", count).put("memory", memoryMb + " MB");
      setStemCount(kind + "|" + memoryMb, count, 0);
    }
    return this;
  }

  /** Declares a blackbox image of the AQUATOPE fork with {@code count} stem cells. */
  public FakeOpenWhisk blackbox(String image, int count) {
    synchronized (lock) {
      ObjectNode bb = ((ArrayNode) runtimeManifest.path("blackboxes")).addObject();
      bb.put("prefix", "aquatope").put("name", image).put("tag", "latest");
      bb.putArray("stemCells").addObject().put("count", count);
      setStemCount("blackbox:" + image, count, 0);
    }
    return this;
  }

  /** Queues a fault for the next request whose path contains {@code pathContains} (any if null). */
  public void inject(Fault fault) {
    synchronized (lock) {
      faults.add(fault);
    }
  }

  /** Queues a fault for requests whose path contains {@code pathContains}. */
  public void inject(Fault fault, String pathContains) {
    inject(new Fault(fault.kind(), fault.status(), fault.delayMs(), pathContains, fault.body()));
  }

  /** Makes an action return an application error. */
  public void failAction(String name, boolean failing) {
    synchronized (lock) {
      actions.get(name).failing = failing;
    }
  }

  /** Every request so far. */
  public List<Recorded> requests() {
    synchronized (lock) {
      return List.copyOf(requests);
    }
  }

  /** The current limits object of an action. */
  public JsonNode limitsOf(String name) {
    synchronized (lock) {
      return actions.get(name).limits.deepCopy();
    }
  }

  /** Stem cells ready now per "kind|memory" or "blackbox:image". */
  public Map<String, Integer> readyStemCells() {
    synchronized (lock) {
      Map<String, Integer> out = new LinkedHashMap<>();
      long now = clock.millis();
      stemCells.forEach((k, p) -> out.put(k, (int) p.readyAt.stream().filter(t -> t <= now).count()));
      return out;
    }
  }

  /** Number of activation records stored (visible or not). */
  public int activationCount() {
    synchronized (lock) {
      return activations.size();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ------------------------------------------------------------------ HTTP

  private record Reply(int status, String body, Map<String, String> headers) {}

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      URI uri = ex.getRequestURI();
      Fault fault;
      synchronized (lock) {
        requests.add(new Recorded(ex.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), body));
        fault = pollFault(uri.getRawPath());
      }
      if (fault != null) {
        switch (fault.kind()) {
          case DROP:
            return; // closing the exchange without headers drops the connection
          case SLOW:
            try {
              Thread.sleep(fault.delayMs());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
            break;
          default:
            send(ex, new Reply(fault.status(), fault.body() != null ? fault.body()
                : error("injected fault " + fault.status()), Map.of()));
            return;
        }
      }
      Reply r;
      try {
        synchronized (lock) {
          r = route(ex.getRequestMethod(), uri.getRawPath(), query(uri.getRawQuery()), body,
              ex.getRequestHeaders().getFirst("Authorization"));
        }
      } catch (BadRequest e) {
        r = new Reply(e.status, error(e.getMessage()), Map.of());
      }
      send(ex, r);
    }
  }

  private Fault pollFault(String path) {
    for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
      Fault f = it.next();
      if (f.pathContains() == null || path.contains(f.pathContains())) {
        it.remove();
        return f;
      }
    }
    return null;
  }

  private static void send(HttpExchange ex, Reply r) throws IOException {
    byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    ex.sendResponseHeaders(r.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(bytes);
      }
    }
  }

  private static final class BadRequest extends RuntimeException {
    final int status;

    BadRequest(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private String error(String message) {
    return "{\"error\":" + mapper.valueToTree(message) + ",\"code\":\"tx" + Integer.toHexString(message.hashCode())
        + "\"}";
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String kv : raw.split("&")) {
      int eq = kv.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
      q.put(k, v);
    }
    return q;
  }

  private boolean basic(String header, String user, String pass) {
    String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
    return expected.equals(header);
  }

  private Reply route(String method, String path, Map<String, String> q, String body, String auth) {
    if (path.equals("/") && method.equals("GET")) {
      return json(200, deploymentInfo());
    }
    if (path.equals("/config/runtime")) {
      if (!basic(auth, CONTROLLER_USER, CONTROLLER_PASS)) {
        return new Reply(401, error("username or password is wrong"), Map.of());
      }
      return configRuntime(body, q.get("limit"));
    }
    if (path.equals("/getRuntime")) {
      if (!basic(auth, INVOKER_USER, INVOKER_PASS)) {
        return new Reply(401, error("username or password is wrong"), Map.of());
      }
      return json(200, getRuntime());
    }
    if (path.equals("/fork/runtime")) {
      if (!basic(auth, CONTROLLER_USER, CONTROLLER_PASS)) {
        return new Reply(401, error("username or password is wrong"), Map.of());
      }
      return method.equals("GET") ? json(200, runtimeManifest.deepCopy()) : forkChange(body);
    }
    if (!path.startsWith("/api/v1/")) {
      throw new BadRequest(404, "The requested resource does not exist.");
    }
    String[] keyParts = key.split(":", 2);
    if (!basic(auth, keyParts[0], keyParts[1])) {
      return new Reply(401, error("The supplied authentication is invalid"),
          Map.of("WWW-Authenticate", "Basic realm=\"OpenWhisk secure realm\""));
    }
    String[] seg = path.substring("/api/v1/".length()).split("/");
    if (seg.length == 1 && seg[0].equals("namespaces")) {
      return json(200, mapper.createArrayNode().add(NAMESPACE));
    }
    if (seg.length < 3 || !seg[0].equals("namespaces")) {
      throw new BadRequest(404, "The requested resource does not exist.");
    }
    String ns = decode(seg[1]);
    if (!ns.equals("_") && !ns.equals(NAMESPACE)) {
      throw new BadRequest(403, "The supplied authentication is not authorized to access '" + ns + "'.");
    }
    switch (seg[2]) {
      case "limits":
        return json(200, namespaceLimits());
      case "actions": {
        if (seg.length < 4) {
          throw new BadRequest(404, "The requested resource does not exist.");
        }
        StringBuilder name = new StringBuilder(decode(seg[3]));
        for (int i = 4; i < seg.length; i++) {
          name.append('/').append(decode(seg[i]));
        }
        return action(method, name.toString(), q, body);
      }
      case "activations":
        if (seg.length == 3) {
          return listActivations(q);
        }
        return getActivation(decode(seg[3]));
      default:
        throw new BadRequest(404, "The requested resource does not exist.");
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private Reply json(int status, JsonNode node) {
    return json(status, node, Map.of());
  }

  private Reply json(int status, JsonNode node, Map<String, String> headers) {
    try {
      return new Reply(status, mapper.writeValueAsString(node), headers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private ObjectNode deploymentInfo() {
    ObjectNode n = mapper.createObjectNode();
    n.put("description", "OpenWhisk");
    n.putArray("api_paths").add("/api/v1");
    ObjectNode l = n.putObject("limits");
    l.put("actions_per_minute", invocationsPerMinute).put("concurrent_actions", 30).put("sequence_length", 50);
    l.put("min_action_duration", 100).put("max_action_duration", 300000);
    l.put("min_action_memory", 128L * 1024 * 1024).put("max_action_memory", (long) maxMemoryMb * 1024 * 1024);
    if (cpuEnabled) {
      l.put("cpu_limit_enabled", true).put("min_action_cpu", 0.1).put("max_action_cpu", 4.0);
    }
    n.set("runtimes", mapper.createObjectNode().set("nodejs", mapper.createArrayNode()
        .add(mapper.createObjectNode().put("kind", "nodejs:20").put("default", true))));
    return n;
  }

  private ObjectNode namespaceLimits() {
    ObjectNode n = mapper.createObjectNode();
    n.put("invocationsPerMinute", invocationsPerMinute).put("concurrentInvocations", 30).put("firesPerMinute", 60);
    n.put("minActionMemory", 128).put("maxActionMemory", maxMemoryMb).put("minActionTimeout", 100)
        .put("maxActionTimeout", 300000).put("minActionLogs", 0).put("maxActionLogs", 10)
        .put("minActionConcurrency", 1).put("maxActionConcurrency", 1).put("maxParameterSize", "1 MB");
    return n;
  }

  // ------------------------------------------------------------------ actions

  private Reply action(String method, String name, Map<String, String> q, String body) {
    StoredAction a = actions.get(name);
    switch (method) {
      case "GET":
        if (a == null) {
          throw new BadRequest(404, "The requested resource does not exist.");
        }
        return json(200, render(a, !"false".equals(q.get("code"))));
      case "DELETE":
        if (a == null) {
          throw new BadRequest(404, "The requested resource does not exist.");
        }
        actions.remove(name);
        return json(200, render(a, false));
      case "PUT":
        return put(name, a, "true".equals(q.get("overwrite")), body);
      case "POST":
        if (a == null) {
          throw new BadRequest(404, "The requested resource does not exist.");
        }
        return invoke(a, q, body);
      default:
        throw new BadRequest(405, "method not allowed");
    }
  }

  private ObjectNode render(StoredAction a, boolean code) {
    ObjectNode n = mapper.createObjectNode();
    String ns = a.name.contains("/") ? NAMESPACE + "/" + a.name.substring(0, a.name.indexOf('/')) : NAMESPACE;
    n.put("namespace", ns).put("name", simple(a.name)).put("version", "0.0." + a.version).put("publish", false);
    ObjectNode exec = a.exec.deepCopy();
    if (!code) {
      exec.remove("code");
    }
    n.set("exec", exec);
    n.set("annotations", a.annotations.deepCopy());
    n.set("parameters", a.parameters.deepCopy());
    n.set("limits", a.limits.deepCopy());
    n.put("updated", a.updated);
    return n;
  }

  private static String simple(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  private Reply put(String name, StoredAction existing, boolean overwrite, String body) {
    if (existing != null && !overwrite) {
      throw new BadRequest(409, "resource already exists");
    }
    JsonNode req;
    try {
      req = mapper.readTree(body.isEmpty() ? "{}" : body);
    } catch (JsonProcessingException e) {
      throw new BadRequest(400, "The request content was malformed.");
    }
    if (existing == null && !req.has("exec")) {
      throw new BadRequest(400, "exec undefined");
    }
    ObjectNode limits = existing == null ? defaultLimits() : existing.limits.deepCopy();
    JsonNode l = req.path("limits");
    if (l.isObject()) {
      if (l.has("memory")) {
        int m = l.path("memory").asInt();
        if (m > maxMemoryMb) {
          throw new BadRequest(400, "memory size " + m + " MB exceeds allowed threshold of " + maxMemoryMb + " MB");
        }
        if (m < 128) {
          throw new BadRequest(400, "memory size " + m + " MB below allowed threshold of 128 MB");
        }
        limits.put("memory", m);
      }
      if (l.has("timeout")) {
        int t = l.path("timeout").asInt();
        if (t < 100 || t > 300000) {
          throw new BadRequest(400, "duration " + t + " milliseconds out of range");
        }
        limits.put("timeout", t);
      }
      if (l.has("concurrency")) {
        int c = l.path("concurrency").asInt();
        if (c < 1 || c > 1) {
          throw new BadRequest(400, "concurrency " + c + " exceeds allowed threshold of 1");
        }
        limits.put("concurrency", c);
      }
      if (l.has("logs")) {
        limits.put("logs", l.path("logs").asInt());
      }
      if (l.has("cpu") && cpuEnabled) {
        double c = l.path("cpu").asDouble();
        if (c > 4.0) {
          throw new BadRequest(400, "CPU " + c + " exceeds allowed threshold of 4.0");
        }
        if (c < 0.1) {
          throw new BadRequest(400, "CPU " + c + " below allowed threshold of 0.1");
        }
        limits.put("cpu", c);
      }
    }
    StoredAction a = existing == null ? new StoredAction() : existing;
    if (req.has("exec")) {
      ObjectNode exec = (ObjectNode) req.get("exec");
      if ("sequence".equals(exec.path("kind").asText())) {
        for (JsonNode c : exec.path("components")) {
          String comp = c.asText();
          String local = comp.substring(comp.indexOf('/', 1) + 1);
          if (!actions.containsKey(local)) {
            throw new BadRequest(400, "Sequence component does not exist.");
          }
        }
      }
      a.exec = exec.deepCopy();
    }
    if (existing == null) {
      a.name = name;
      a.annotations = mapper.createArrayNode();
      a.parameters = mapper.createArrayNode();
      a.annotations.addObject().put("key", "exec").put("value", a.exec.path("kind").asText());
    }
    if (req.path("annotations").isArray()) {
      for (JsonNode kv : req.path("annotations")) {
        removeKey(a.annotations, kv.path("key").asText());
        a.annotations.add(kv.deepCopy());
      }
    }
    for (JsonNode del : req.path("delAnnotations")) {
      removeKey(a.annotations, del.asText());
    }
    if (req.path("parameters").isArray()) {
      a.parameters = (ArrayNode) req.path("parameters").deepCopy();
    }
    a.limits = limits;
    a.version++;
    a.updated = clock.millis();
    actions.put(name, a);
    return json(200, render(a, true));
  }

  private ObjectNode defaultLimits() {
    ObjectNode l = mapper.createObjectNode().put("timeout", 60000).put("memory", 256).put("logs", 10)
        .put("concurrency", 1);
    if (cpuEnabled) {
      l.put("cpu", 0.2);
    }
    return l;
  }

  private static void removeKey(ArrayNode arr, String key) {
    for (Iterator<JsonNode> it = arr.iterator(); it.hasNext(); ) {
      if (key.equals(it.next().path("key").asText())) {
        it.remove();
      }
    }
  }

  // ------------------------------------------------------------------ invocation

  private String nextId() {
    return String.format("%032x", ids.incrementAndGet());
  }

  private Reply invoke(StoredAction a, Map<String, String> q, String body) {
    long now = clock.millis();
    while (!invocationTimes.isEmpty() && invocationTimes.peekFirst() + 60_000 <= now) {
      invocationTimes.pollFirst();
    }
    if (invocationTimes.size() >= invocationsPerMinute) {
      throw new BadRequest(429, "Too many requests in the last minute (count: " + invocationTimes.size()
          + ", allowed: " + invocationsPerMinute + ").");
    }
    invocationTimes.addLast(now);
    boolean blocking = "true".equals(q.get("blocking"));
    boolean resultOnly = "true".equals(q.get("result"));
    long timeout = q.containsKey("timeout") ? Long.parseLong(q.get("timeout")) : 60000;
    if (blocking && (timeout < 1 || timeout > 60000)) {
      throw new BadRequest(400, "Timeout must be between 1 and 60000 ms.");
    }
    ObjectNode record = "sequence".equals(a.exec.path("kind").asText()) ? runSequence(a, now)
        : runPrimitive(a, now, null);
    String id = record.path("activationId").asText();
    Map<String, String> hdr = Map.of("x-openwhisk-activation-id", id);
    long end = record.path("end").asLong();
    if (!blocking || end - now > timeout) {
      return json(202, mapper.createObjectNode().put("activationId", id), hdr);
    }
    if (advanceClockOnBlockingInvoke) {
      clock.advanceTo(end);
    }
    int status = statusCodeOf(record) == 0 ? 200 : statusCodeOf(record) == 3 ? 500 : 502;
    return json(status, resultOnly ? record.path("response").path("result") : record, hdr);
  }

  private static int statusCodeOf(ObjectNode record) {
    String s = record.path("response").path("status").asText();
    return switch (s) {
      case "success" -> 0;
      case "application error" -> 1;
      case "action developer error" -> 2;
      default -> 3;
    };
  }

  private ObjectNode runPrimitive(StoredAction a, long t, String cause) {
    int memory = a.limits.path("memory").asInt();
    double cpu = a.limits.path("cpu").asDouble(0.2);
    String kind = a.exec.path("kind").asText();
    List<Container> pool = containers.computeIfAbsent(a.name, k -> new ArrayList<>());
    pool.removeIf(c -> c.busyUntil <= t && t - c.lastUsed >= idleTimeoutMs);
    Container c = pool.stream().filter(x -> x.version == a.version && x.busyUntil <= t).findFirst().orElse(null);
    long wait;
    long init = -1;
    if (c != null) {
      wait = warmWaitMs;
    } else {
      String stemKey = "blackbox".equals(kind) ? "blackbox:" + simple(a.exec.path("image").asText())
          : kind + "|" + memory;
      StemPool sp = stemCells.get(stemKey);
      int ready = -1;
      if (sp != null) {
        for (int i = 0; i < sp.readyAt.size(); i++) {
          if (sp.readyAt.get(i) <= t) {
            ready = i;
            break;
          }
        }
      }
      if (ready >= 0) {
        sp.readyAt.set(ready, t + coldStartMs); // the invoker replaces the used stem cell
        wait = prewarmWaitMs;
      } else {
        wait = coldStartMs;
      }
      init = initMs;
      c = new Container(a.name, a.version);
      pool.add(c);
    }
    long run = latency.runMillis(simple(a.name), memory, cpu);
    long start = t + wait;
    long end = start + Math.max(0, init) + run;
    c.busyUntil = end;
    c.lastUsed = end;
    ObjectNode r = baseRecord(a, start, end, end - start);
    if (cause != null) {
      r.put("cause", cause);
    }
    ArrayNode ann = mapper.createArrayNode();
    ann.addObject().put("key", "path").put("value", NAMESPACE + "/" + a.name);
    ann.addObject().put("key", "kind").put("value", kind);
    ann.addObject().put("key", "limits").set("value", a.limits.deepCopy());
    ann.addObject().put("key", "timeout").put("value", false);
    if (cause != null) {
      ann.addObject().put("key", "causedBy").put("value", "sequence");
    }
    if (init >= 0) {
      ann.addObject().put("key", "initTime").put("value", init);
    }
    ann.addObject().put("key", "waitTime").put("value", wait);
    r.set("annotations", ann);
    ObjectNode resp = r.putObject("response");
    if (a.failing) {
      resp.put("status", "application error").put("success", false).putObject("result").put("error", "failed");
    } else {
      resp.put("status", "success").put("success", true).putObject("result").put("action", simple(a.name));
    }
    r.putArray("logs").add("2026-01-01T00:00:00.000Z stdout: ran " + simple(a.name));
    activations.put(r.path("activationId").asText(), r);
    return r;
  }

  private ObjectNode runSequence(StoredAction seq, long t) {
    String seqId = nextId();
    long start = t + controllerWaitMs;
    long time = start;
    long sum = 0;
    int maxMemory = 0;
    ArrayNode logs = mapper.createArrayNode();
    ObjectNode last = null;
    for (JsonNode comp : seq.exec.path("components")) {
      String fq = comp.asText();
      StoredAction a = actions.get(fq.substring(fq.indexOf('/', 1) + 1));
      if (a == null) {
        throw new BadRequest(502, "Sequence component does not exist.");
      }
      last = runPrimitive(a, time, seqId);
      logs.add(last.path("activationId").asText());
      sum += last.path("duration").asLong();
      maxMemory = Math.max(maxMemory, a.limits.path("memory").asInt());
      time = last.path("end").asLong();
      if (statusCodeOf(last) != 0) {
        break;
      }
    }
    ObjectNode r = baseRecord(seq, start, time, sum);
    r.put("activationId", seqId);
    ArrayNode ann = mapper.createArrayNode();
    ann.addObject().put("key", "topmost").put("value", true);
    ann.addObject().put("key", "path").put("value", NAMESPACE + "/" + seq.name);
    ann.addObject().put("key", "kind").put("value", "sequence");
    ann.addObject().put("key", "waitTime").put("value", controllerWaitMs);
    ann.addObject().put("key", "limits").set("value", mapper.createObjectNode().put("timeout", 60000)
        .put("memory", maxMemory).put("logs", 10).put("concurrency", 1));
    r.set("annotations", ann);
    r.set("response", last == null ? mapper.createObjectNode().put("status", "success").put("success", true)
        : last.path("response").deepCopy());
    r.set("logs", logs);
    activations.put(seqId, r);
    return r;
  }

  private ObjectNode baseRecord(StoredAction a, long start, long end, long duration) {
    ObjectNode r = mapper.createObjectNode();
    r.put("namespace", NAMESPACE).put("name", simple(a.name)).put("version", "0.0." + a.version)
        .put("subject", NAMESPACE).put("activationId", nextId()).put("start", start).put("end", end)
        .put("duration", duration).put("publish", false);
    return r;
  }

  private Reply getActivation(String id) {
    ObjectNode r = activations.get(id);
    if (r == null || r.path("end").asLong() > clock.millis()) {
      throw new BadRequest(404, "The requested resource does not exist.");
    }
    return json(200, r);
  }

  private Reply listActivations(Map<String, String> q) {
    int limit = q.containsKey("limit") ? Integer.parseInt(q.get("limit")) : 30;
    if (limit == 0) {
      limit = 200;
    }
    if (limit < 0 || limit > 200) {
      throw new BadRequest(400, "The value " + limit + " exceeds the allowed limit of 200.");
    }
    int skip = q.containsKey("skip") ? Integer.parseInt(q.get("skip")) : 0;
    boolean docs = "true".equals(q.get("docs"));
    boolean count = "true".equals(q.get("count"));
    if (docs && count) {
      throw new BadRequest(400, "docs and count cannot be combined");
    }
    long since = q.containsKey("since") ? Long.parseLong(q.get("since")) : Long.MIN_VALUE;
    long upto = q.containsKey("upto") ? Long.parseLong(q.get("upto")) : Long.MAX_VALUE;
    String name = q.get("name");
    long now = clock.millis();
    List<ObjectNode> rows = new ArrayList<>();
    for (ObjectNode r : activations.values()) {
      long s = r.path("start").asLong();
      if (r.path("end").asLong() > now || s < since || s > upto) {
        continue;
      }
      if (name != null && !pathOf(r).equals(NAMESPACE + "/" + name)) {
        continue;
      }
      rows.add(r);
    }
    if (count) {
      return json(200, mapper.createObjectNode().put("activations", rows.size()));
    }
    rows.sort(Comparator.comparingLong((ObjectNode r) -> r.path("start").asLong())
        .thenComparing(r -> r.path("activationId").asText()).reversed());
    ArrayNode out = mapper.createArrayNode();
    for (int i = skip; i < Math.min(rows.size(), skip + limit); i++) {
      out.add(docs ? rows.get(i).deepCopy() : summary(rows.get(i)));
    }
    return json(200, out);
  }

  private static String pathOf(ObjectNode r) {
    for (JsonNode kv : r.path("annotations")) {
      if ("path".equals(kv.path("key").asText())) {
        return kv.path("value").asText();
      }
    }
    return "";
  }

  private ObjectNode summary(ObjectNode r) {
    ObjectNode s = mapper.createObjectNode();
    for (String f : List.of("namespace", "name", "version", "publish", "annotations", "activationId", "start", "end",
        "duration", "cause")) {
      if (r.has(f)) {
        s.set(f, r.get(f).deepCopy());
      }
    }
    s.put("statusCode", statusCodeOf(r));
    return s;
  }

  // ------------------------------------------------------------------ prewarm admin

  private void setStemCount(String key, int count, long readyAt) {
    StemPool p = stemCells.computeIfAbsent(key, k -> new StemPool());
    p.readyAt.clear();
    for (int i = 0; i < count; i++) {
      p.readyAt.add(readyAt);
    }
  }

  private Reply configRuntime(String body, String limit) {
    if (limit != null && !limit.matches("\\d+:\\d+")) {
      throw new BadRequest(400, "limit value can't match [beginIndex:finishIndex]");
    }
    JsonNode m;
    try {
      m = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadRequest(400, "Invalid runtime manifest");
    }
    if (!m.path("runtimes").isObject()) {
      throw new BadRequest(400, "Invalid runtime manifest");
    }
    for (JsonNode family : m.path("runtimes")) {
      for (JsonNode kind : family) {
        for (JsonNode cell : kind.path("stemCells")) {
          int count = cell.has("initialCount") ? cell.path("initialCount").asInt() : cell.path("count").asInt();
          if (count <= 0) {
            throw new BadRequest(400, "initialCount must be positive");
          }
          String key = kind.path("kind").asText() + "|" + parseMb(cell.path("memory").asText());
          if (stemCells.containsKey(key)) { // PR #4790 ignores new (kind, memory) pairs
            setStemCount(key, count, clock.millis());
          }
        }
      }
    }
    runtimeManifest = (ObjectNode) m.deepCopy();
    return new Reply(202, "", Map.of());
  }

  private static int parseMb(String s) {
    return Integer.parseInt(s.replaceAll("[^0-9]", ""));
  }

  private ArrayNode getRuntime() {
    ArrayNode out = mapper.createArrayNode();
    long now = clock.millis();
    stemCells.forEach((k, p) -> {
      if (k.contains("|")) {
        String[] kv = k.split("\\|");
        out.addObject().put("kind", kv[0]).put("memory", Integer.parseInt(kv[1]))
            .put("number", p.readyAt.stream().filter(t -> t <= now).count());
      }
    });
    return out;
  }

  private Reply forkChange(String body) {
    JsonNode m;
    try {
      m = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadRequest(400, "Invalid runtime manifest");
    }
    for (JsonNode bb : m.path("blackboxes")) {
      JsonNode cells = bb.path("stemCells");
      if (cells.isArray() && cells.size() > 0) {
        setStemCount("blackbox:" + bb.path("name").asText(), cells.get(0).path("count").asInt(), clock.millis());
      }
    }
    runtimeManifest = (ObjectNode) m.deepCopy();
    return new Reply(200, "{}", Map.of());
  }

  /** Creates an action directly (no HTTP), e.g. to seed state. */
  public void createAction(String name, String kind, int memoryMb) {
    synchronized (lock) {
      ObjectNode body = mapper.createObjectNode();
      body.putObject("exec").put("kind", kind).put("code", "function main(p) { return p; }");
      body.putObject("limits").put("memory", memoryMb);
      put(name, null, false, body.toString());
    }
  }

  /** Creates a sequence directly (no HTTP). */
  public void createSequence(String name, String... components) {
    synchronized (lock) {
      ObjectNode body = mapper.createObjectNode();
      ArrayNode comps = body.putObject("exec").put("kind", "sequence").putArray("components");
      for (String c : components) {
        comps.add("/" + NAMESPACE + "/" + c);
      }
      put(name, null, false, body.toString());
    }
  }

}
