package dev.aquatope.openwhisk.prewarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.util.Checks;
import dev.aquatope.openwhisk.client.OpenWhiskException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prewarm control through PR #4790 (closed, unmerged): the controller's
 * {@code POST /config/runtime[?limit=B:E]} takes a complete runtimes manifest, and each invoker's
 * {@code GET /getRuntime} reports {@code [{"kind","memory","number"}]}; both use administrative
 * Basic credentials, not a namespace key.
 *
 * <p>Stem cells are keyed by (kind, memory), not by function: the targets of functions sharing a
 * kind and memory size are summed. The controller replaces its global manifest with the posted
 * one, so this class <b>always posts the complete manifest</b>: the base manifest given at
 * construction with the targeted stem cells' {@code initialCount} changed. Invokers of #4790 only
 * update (kind, memory) pairs that they already prewarm and ignore new ones (logged), and
 * {@code initialCount} must be positive, so a target of 0 is sent as 1 (logged).
 */
public final class Pr4790PrewarmController implements PrewarmController {
  private static final Logger LOG = LoggerFactory.getLogger(Pr4790PrewarmController.class);
  private static final Pattern RANGE = Pattern.compile("\\d+:\\d+");

  private final AdminEndpoint controller;
  private final List<AdminEndpoint> invokers;
  private final Function<FunctionId, RuntimeKey> resolver;
  private final String invokerRange;
  private final ObjectMapper mapper;
  private final AdminHttp http;
  private final TargetBook book = new TargetBook();
  private RuntimeManifest manifest;

  /**
   * Creates the controller.
   *
   * @param controller the controller's {@code /config/runtime} endpoint and credentials
   * @param invokers each invoker's {@code /getRuntime} endpoint and credentials
   * @param baseManifest the deployment's complete runtimes manifest
   * @param resolver each function's (kind, memory), e.g. from {@code GET action}
   * @param invokerRange {@code "B:E"} to limit the invokers reconfigured, or {@code null} for all
   * @param httpClient the HTTP client
   * @param timeout per-request timeout
   * @param mapper JSON mapper
   */
  public Pr4790PrewarmController(AdminEndpoint controller, List<AdminEndpoint> invokers, RuntimeManifest baseManifest,
      Function<FunctionId, RuntimeKey> resolver, String invokerRange, HttpClient httpClient, Duration timeout,
      ObjectMapper mapper) {
    this.controller = Checks.notNull("controller", controller);
    this.invokers = List.copyOf(Checks.notNull("invokers", invokers));
    this.manifest = Checks.notNull("baseManifest", baseManifest);
    this.resolver = Checks.notNull("resolver", resolver);
    if (invokerRange != null && !RANGE.matcher(invokerRange).matches()) {
      throw new IllegalArgumentException("invokerRange must look like 0:1, was '" + invokerRange + "'");
    }
    this.invokerRange = invokerRange;
    this.http = new AdminHttp(Checks.notNull("httpClient", httpClient), Checks.notNull("timeout", timeout));
    this.mapper = Checks.notNull("mapper", mapper);
  }

  @Override
  public String name() {
    return "pr4790";
  }

  /** Sums the invokers' {@code GET /getRuntime} rows per (kind, memory). */
  @Override
  public List<PrewarmPool> currentPools() {
    Map<RuntimeKey, Integer> sum = new LinkedHashMap<>();
    for (AdminEndpoint inv : invokers) {
      for (PrewarmPool row : parseRuntimeRows(http.get(inv, null), mapper)) {
        sum.merge(new RuntimeKey(row.kind(), row.memoryMb()), row.count(), Integer::sum);
      }
    }
    List<PrewarmPool> out = new ArrayList<>();
    sum.forEach((k, n) -> out.add(new PrewarmPool(k.kind(), k.memoryMb(), n)));
    return out;
  }

  /**
   * Parses an invoker's {@code GET /getRuntime} body {@code [{"kind","memory","number"}]}.
   *
   * @param json the body
   * @param mapper the mapper
   * @return one pool per row
   * @throws OpenWhiskException if the body is not such a list
   */
  public static List<PrewarmPool> parseRuntimeRows(String json, ObjectMapper mapper) {
    try {
      JsonNode rows = mapper.readTree(json);
      if (!rows.isArray()) {
        throw new IllegalArgumentException("not a JSON array");
      }
      List<PrewarmPool> out = new ArrayList<>();
      for (JsonNode row : rows) {
        out.add(new PrewarmPool(row.path("kind").asText(), row.path("memory").asInt(), row.path("number").asInt(0)));
      }
      return out;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new OpenWhiskException("getRuntime returned an invalid runtime list: " + e.getMessage(), 200, null, null,
          e);
    }
  }

  @Override
  public synchronized void setPrewarmTargets(Map<FunctionId, Integer> targets) {
    Map<FunctionId, Integer> merged = book.merged(targets);
    Map<RuntimeKey, Integer> perKey = new LinkedHashMap<>();
    merged.forEach((f, n) -> perKey.merge(Checks.notNull("runtime of " + f, resolver.apply(f)), n, Integer::sum));
    RuntimeManifest next = manifest;
    for (Map.Entry<RuntimeKey, Integer> e : perKey.entrySet()) {
      RuntimeKey key = e.getKey();
      if (!next.hasKind(key.kind())) {
        throw new IllegalArgumentException("the base manifest has no runtime kind '" + key.kind() + "'");
      }
      if (!next.hasStemCell(key)) {
        LOG.warn("stem cell {} is not in the deployment's manifest; PR #4790 invokers ignore new (kind, memory)"
            + " pairs", key);
      }
      int count = e.getValue();
      if (count == 0) {
        LOG.warn("PR #4790 requires initialCount > 0; sending 1 for {} (target 0)", key);
        count = 1;
      }
      next = next.withStemCellCount(key, count);
    }
    String body;
    try {
      body = mapper.writeValueAsString(next.json());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the manifest", e);
    }
    http.post(controller, invokerRange == null ? null : "limit=" + invokerRange, body);
    manifest = next;
    book.commit(merged);
    LOG.info("posted runtimes manifest with stem cells {}", perKey);
  }

  @Override
  public Map<FunctionId, Integer> targets() {
    return book.applied();
  }

  /** The complete manifest last posted (or the base manifest). */
  public synchronized RuntimeManifest manifest() {
    return manifest;
  }
}
