package dev.aquatope.openwhisk.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.aquatope.core.util.Checks;
import dev.aquatope.openwhisk.api.Action;
import dev.aquatope.openwhisk.api.ActionLimits;
import dev.aquatope.openwhisk.api.ActionPut;
import dev.aquatope.openwhisk.api.Activation;
import dev.aquatope.openwhisk.api.DeploymentInfo;
import dev.aquatope.openwhisk.api.ErrorBody;
import dev.aquatope.openwhisk.api.Exec;
import dev.aquatope.openwhisk.api.NamespaceLimits;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A typed client of OpenWhisk's REST API ({@code /api/v1}) on {@link HttpClient} and Jackson.
 *
 * <p>Every request carries {@code Authorization: Basic base64(uuid:key)}. Failures map to
 * {@link OpenWhiskException} subclasses: 401/403 {@link OpenWhiskAuthException}, 404
 * {@link OpenWhiskNotFoundException}, 409 {@link OpenWhiskConflictException}, 429
 * {@link OpenWhiskThrottledException}, 5xx {@link OpenWhiskPlatformException}, no response
 * {@link OpenWhiskUnavailableException}. Throttling, 5xx and connection failures are retried
 * with the configuration's {@link RetryPolicy} (exponential backoff, seeded jitter, a bounded
 * number of attempts and an overall deadline per call), reading time from the injected
 * {@link Clock} and waiting with the injected {@link Sleeper}. Retried invocations are
 * at-least-once: a 5xx or a dropped connection after the controller accepted the request may run
 * the action twice.
 *
 * <p>Thread-safe. The API key never appears in logs, exception messages or {@code toString}.
 *
 * <pre>{@code
 * try (OpenWhiskClient ow = new OpenWhiskClient(OpenWhiskConfig.newBuilder()
 *     .apiHost("https://openwhisk.example").auth(key).build())) {
 *   ow.updateLimits("resize", new ActionLimits(null, 512, null, null, null, null));
 *   Activation a = ow.invokeAndWait("resize", "{}", 60_000, Duration.ofSeconds(1), Duration.ofMinutes(5));
 * }
 * }</pre>
 */
public final class OpenWhiskClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OpenWhiskClient.class);
  /** Header holding the activation id of an invoke response. */
  public static final String ACTIVATION_ID_HEADER = "x-openwhisk-activation-id";

  private final OpenWhiskConfig config;
  private final HttpClient http;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final Sleeper sleeper;
  private final SplittableRandom jitter;
  private volatile String resolvedNamespace;

  /**
   * A client with the system clock and real sleeping.
   *
   * @param config the configuration
   */
  public OpenWhiskClient(OpenWhiskConfig config) {
    this(config, Clock.systemUTC(), Sleeper.SYSTEM);
  }

  /**
   * A client reading time from {@code clock} and waiting with {@code sleeper} (tests inject fakes).
   *
   * @param config the configuration
   * @param clock the clock for deadlines
   * @param sleeper the sleeper for backoff and polling
   */
  public OpenWhiskClient(OpenWhiskConfig config, Clock clock, Sleeper sleeper) {
    this.config = Checks.notNull("config", config);
    this.clock = Checks.notNull("clock", clock);
    this.sleeper = Checks.notNull("sleeper", sleeper);
    this.jitter = new SplittableRandom(config.retryPolicy().seed());
    this.mapper = newObjectMapper();
    HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(config.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER);
    if (config.insecure()) {
      LOG.warn("TLS certificate and host name verification are OFF for {} (insecure=true); "
          + "use this only with development deployments", config.apiHost());
      b.sslContext(InsecureTls.trustAllContext());
    }
    this.http = b.build();
  }

  /** An {@link ObjectMapper} configured like the client's (lenient about unknown fields). */
  public static ObjectMapper newObjectMapper() {
    return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  /** The configuration. */
  public OpenWhiskConfig config() {
    return config;
  }

  /** The clock used for deadlines. */
  public Clock clock() {
    return clock;
  }

  /** The sleeper used for backoff and polling. */
  public Sleeper sleeper() {
    return sleeper;
  }

  // ---------------------------------------------------------------- namespaces and deployment

  /**
   * {@code GET /namespaces}.
   *
   * @return the namespaces the key may use
   * @throws OpenWhiskException on failure
   */
  public List<String> getNamespaces() {
    Reply r = send("GET", config.apiBase() + "/namespaces", null, Predicate.not(Reply::isError), true);
    return Arrays.asList(parse(r, String[].class));
  }

  /**
   * The namespace this client uses, with {@code _} resolved to the key's default namespace.
   *
   * @return the namespace name
   * @throws OpenWhiskException on failure
   */
  public String resolvedNamespace() {
    String ns = resolvedNamespace;
    if (ns == null) {
      if (!"_".equals(config.namespace())) {
        ns = config.namespace();
      } else {
        List<String> all = getNamespaces();
        if (all.isEmpty()) {
          throw new OpenWhiskException("GET /namespaces returned no namespace", 200, null, null, null);
        }
        ns = all.get(0);
      }
      resolvedNamespace = ns;
    }
    return ns;
  }

  /**
   * {@code GET /namespaces/{ns}/limits}.
   *
   * @return the namespace's limits
   * @throws OpenWhiskException on failure
   */
  public NamespaceLimits getNamespaceLimits() {
    return parse(send("GET", nsBase() + "/limits", null, Predicate.not(Reply::isError), true), NamespaceLimits.class);
  }

  /**
   * {@code GET /} of the API host (outside {@code /api/v1}).
   *
   * @return the deployment's description, limits and runtimes
   * @throws OpenWhiskException on failure
   */
  public DeploymentInfo getDeploymentInfo() {
    return parse(send("GET", config.apiHost() + "/", null, Predicate.not(Reply::isError), true), DeploymentInfo.class);
  }

  // ---------------------------------------------------------------- actions

  /**
   * {@code GET} an action without its code.
   *
   * @param name {@code action} or {@code package/action}
   * @return the action
   * @throws OpenWhiskNotFoundException if it does not exist
   */
  public Action getAction(String name) {
    return getAction(name, false);
  }

  /**
   * {@code GET} an action.
   *
   * @param name {@code action} or {@code package/action}
   * @param includeCode whether to fetch {@code exec.code}
   * @return the action
   * @throws OpenWhiskNotFoundException if it does not exist
   */
  public Action getAction(String name, boolean includeCode) {
    return parse(send("GET", actionUri(name) + "?code=" + includeCode, null, Predicate.not(Reply::isError), true),
        Action.class);
  }

  /**
   * Partially updates an action's limits: {@code PUT ?overwrite=true} with a body holding only
   * {@code limits}; OpenWhisk keeps the code and every limit not given (including {@code cpu} on
   * PR #4648 builds).
   *
   * @param name the action
   * @param limits the limits to change; not empty
   * @return the updated action
   * @throws OpenWhiskBadRequestException if a limit is out of range
   * @throws OpenWhiskNotFoundException if the action does not exist
   */
  public Action updateLimits(String name, ActionLimits limits) {
    Checks.notNull("limits", limits);
    if (limits.isEmpty()) {
      throw new IllegalArgumentException("limits must set at least one field");
    }
    return putAction(name, ActionPut.limitsOnly(limits), true);
  }

  /**
   * {@code PUT} an action.
   *
   * @param name the action
   * @param body the body
   * @param overwrite whether an existing action may be updated (otherwise 409)
   * @return the stored action
   * @throws OpenWhiskConflictException if it exists and {@code overwrite} is false
   */
  public Action putAction(String name, ActionPut body, boolean overwrite) {
    Checks.notNull("body", body);
    Reply r = send("PUT", actionUri(name) + "?overwrite=" + overwrite, write(body), Predicate.not(Reply::isError),
        true);
    if (r.body().isBlank()) {
      // require-response-payload=false deployments answer with an empty body
      return getAction(name);
    }
    return parse(r, Action.class);
  }

  /**
   * Creates (or with {@code overwrite} replaces) a sequence of actions of this namespace.
   *
   * @param name the sequence's name
   * @param components component action names ({@code action} or {@code package/action}) or
   *     fully qualified names ({@code /ns/...})
   * @param overwrite whether to replace an existing action
   * @return the stored sequence
   */
  public Action createSequence(String name, List<String> components, boolean overwrite) {
    Checks.notNull("components", components);
    List<String> fq = components.stream().map(this::qualify).collect(Collectors.toList());
    return putAction(name, ActionPut.create(Exec.sequence(fq), null), overwrite);
  }

  /**
   * The fully qualified name {@code /ns/[pkg/]name} of an action of this namespace.
   *
   * @param name {@code action}, {@code package/action} or already fully qualified
   * @return the qualified name
   */
  public String qualify(String name) {
    Checks.nonBlank("name", name);
    return name.startsWith("/") ? name : "/" + resolvedNamespace() + "/" + name;
  }

  /**
   * {@code DELETE} an action.
   *
   * @param name the action
   * @throws OpenWhiskNotFoundException if it does not exist
   */
  public void deleteAction(String name) {
    send("DELETE", actionUri(name), null, Predicate.not(Reply::isError), true);
  }

  // ---------------------------------------------------------------- invoking

  /**
   * {@code POST} an invocation.
   *
   * @param name the action
   * @param params the JSON parameter object ({@code null} means {@code {}})
   * @param blocking whether to wait for the result
   * @param resultOnly whether to return only {@code response.result} (blocking only)
   * @param timeoutMs blocking wait in ms, 1..60000; ignored when not blocking
   * @return a completed (200, 502, or 500 with an activation body) or accepted (202) result
   * @throws OpenWhiskException for rejections (4xx, 5xx without an activation) after retries
   */
  public InvokeResult invoke(String name, String params, boolean blocking, boolean resultOnly, long timeoutMs) {
    if (blocking) {
      if (timeoutMs < 1 || timeoutMs > OpenWhiskConfig.MAX_BLOCKING_WAIT_MS) {
        throw new IllegalArgumentException("timeoutMs must be in [1, " + OpenWhiskConfig.MAX_BLOCKING_WAIT_MS
            + "], was " + timeoutMs);
      }
      Duration needed = Duration.ofMillis(timeoutMs).plus(OpenWhiskConfig.BLOCKING_MARGIN);
      if (config.requestTimeout().compareTo(needed) < 0) {
        throw new IllegalArgumentException("requestTimeout " + config.requestTimeout()
            + " must exceed the blocking wait plus margin, " + needed);
      }
    }
    String body = params == null || params.isBlank() ? "{}" : params;
    String uri = actionUri(name) + "?blocking=" + blocking + "&result=" + (blocking && resultOnly)
        + (blocking ? "&timeout=" + timeoutMs : "");
    Reply r = send("POST", uri, body, reply -> reply.status() == 200 || reply.status() == 202
        || (reply.status() == 502 || reply.status() == 500) && reply.carriesActivation(), true);
    JsonNode tree = parse(r, JsonNode.class);
    String id = r.activationIdHeader();
    if (r.status() == 202) {
      String bodyId = tree.path("activationId").asText(null);
      return new InvokeResult.Accepted(bodyId != null ? bodyId : id);
    }
    Activation activation = null;
    if (tree.isObject() && tree.has("activationId") && tree.has("start")) {
      activation = treeTo(tree, Activation.class, "POST " + pathOf(uri));
      id = id == null ? activation.activationId() : id;
    }
    if (id == null) {
      throw new OpenWhiskException("POST " + pathOf(uri) + " returned HTTP " + r.status()
          + " without an activation id", r.status(), null, null, null);
    }
    return new InvokeResult.Completed(r.status(), id, activation, tree);
  }

  /**
   * Invokes with {@code blocking=true} and, if the blocking wait runs out (202), polls the
   * activation until it is stored.
   *
   * @param name the action
   * @param params the JSON parameter object
   * @param timeoutMs blocking wait in ms, 1..60000
   * @param pollInterval wait between polls
   * @param maxWait bound on the polling
   * @return the finished activation (check {@link Activation#isSuccess()})
   * @throws OpenWhiskUnavailableException if it is not stored within {@code maxWait}
   */
  public Activation invokeAndWait(String name, String params, long timeoutMs, Duration pollInterval, Duration maxWait) {
    InvokeResult r = invoke(name, params, true, false, timeoutMs);
    if (r instanceof InvokeResult.Completed c) {
      if (c.activation() != null) {
        return c.activation();
      }
      return getActivation(c.activationId());
    }
    return awaitActivation(r.activationId(), pollInterval, maxWait);
  }

  // ---------------------------------------------------------------- activations

  /**
   * {@code GET /activations/{id}}.
   *
   * @param activationId the id
   * @return the full record
   * @throws OpenWhiskNotFoundException if not (yet) stored
   */
  public Activation getActivation(String activationId) {
    Checks.nonBlank("activationId", activationId);
    return parse(send("GET", nsBase() + "/activations/" + encode(activationId), null, Predicate.not(Reply::isError),
        true), Activation.class);
  }

  /**
   * Polls {@code GET /activations/{id}} until the record is stored (404 means "not yet").
   *
   * @param activationId the id
   * @param pollInterval wait between polls, {@code > 0}
   * @param maxWait bound on the total wait
   * @return the record
   * @throws OpenWhiskUnavailableException if it is not stored within {@code maxWait}
   */
  public Activation awaitActivation(String activationId, Duration pollInterval, Duration maxWait) {
    Checks.nonBlank("activationId", activationId);
    if (pollInterval == null || pollInterval.isZero() || pollInterval.isNegative()) {
      throw new IllegalArgumentException("pollInterval must be > 0, was " + pollInterval);
    }
    Checks.notNull("maxWait", maxWait);
    Instant deadline = clock.instant().plus(maxWait);
    long maxPolls = Math.max(1, maxWait.toNanos() / pollInterval.toNanos() + 1);
    for (long poll = 0; poll < maxPolls; poll++) {
      try {
        return getActivation(activationId);
      } catch (OpenWhiskNotFoundException notYet) {
        if (!clock.instant().plus(pollInterval).isBefore(deadline.plusNanos(1))) {
          break;
        }
        sleepOrThrow(pollInterval, "waiting for activation " + activationId);
      }
    }
    throw new OpenWhiskUnavailableException("activation " + activationId + " was not stored within " + maxWait, null);
  }

  /**
   * One page of {@code GET /activations}, newest first.
   *
   * @param query the query
   * @return the rows (summary rows unless {@code query.docs()})
   */
  public List<Activation> listActivations(ActivationQuery query) {
    Checks.notNull("query", query);
    return Arrays.asList(parse(send("GET", nsBase() + "/activations?" + queryString(query, false), null,
        Predicate.not(Reply::isError), true), Activation[].class));
  }

  /**
   * {@code GET /activations?count=true}.
   *
   * @param name the action, or {@code null} for all
   * @param since inclusive lower bound on start, or {@code null}
   * @param upto inclusive upper bound on start, or {@code null}
   * @return the number of activations
   */
  public long countActivations(String name, Instant since, Instant upto) {
    ActivationQuery q = new ActivationQuery(name, since, upto, 1, 0, false);
    JsonNode n = parse(send("GET", nsBase() + "/activations?" + queryString(q, true), null,
        Predicate.not(Reply::isError), true), JsonNode.class);
    if (!n.path("activations").isNumber()) {
      throw new OpenWhiskException("count response has no 'activations' number", 200, null, null, null);
    }
    return n.path("activations").asLong();
  }

  /**
   * Every activation matching {@code query}, paging with {@code skip += limit} until a page is
   * short, de-duplicated by activation id (records written while paging can shift pages).
   *
   * @param query the first page's query
   * @param maxPages bound on the pages fetched, {@code >= 1}; a warning is logged if reached
   * @return a lazy iterator
   */
  public Iterator<Activation> activations(ActivationQuery query, int maxPages) {
    Checks.notNull("query", query);
    Checks.positive("maxPages", maxPages);
    return new Pager(query, maxPages);
  }

  /**
   * The same as {@link #activations} as a sequential stream.
   *
   * @param query the first page's query
   * @param maxPages bound on the pages fetched
   * @return a lazy stream
   */
  public Stream<Activation> streamActivations(ActivationQuery query, int maxPages) {
    Iterator<Activation> it = activations(query, maxPages);
    return StreamSupport.stream(((Iterable<Activation>) () -> it).spliterator(), false);
  }

  @Override
  public void close() {
    // java.net.http.HttpClient has no close() before Java 21; its threads end when unreferenced.
  }

  @Override
  public String toString() {
    return "OpenWhiskClient[" + config + "]";
  }

  // ---------------------------------------------------------------- internals

  private final class Pager implements Iterator<Activation> {
    private final ActivationQuery first;
    private final int maxPages;
    private final Set<String> seen = new HashSet<>();
    private final Deque<Activation> buffer = new ArrayDeque<>();
    private int pages;
    private boolean exhausted;

    Pager(ActivationQuery first, int maxPages) {
      this.first = first;
      this.maxPages = maxPages;
    }

    @Override
    public boolean hasNext() {
      while (buffer.isEmpty() && !exhausted) {
        if (pages >= maxPages) {
          LOG.warn("stopped paging activations after {} pages of {} (query name={}); results may be incomplete",
              pages, first.limit(), first.name());
          exhausted = true;
          break;
        }
        List<Activation> page = listActivations(first.withSkip(first.skip() + pages * first.limit()));
        pages++;
        for (Activation a : page) {
          if (a.activationId() == null || seen.add(a.activationId())) {
            buffer.add(a);
          }
        }
        exhausted = page.size() < first.limit();
      }
      return !buffer.isEmpty();
    }

    @Override
    public Activation next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return buffer.poll();
    }
  }

  /** One HTTP response. */
  private record Reply(int status, String body, HttpHeaders headers) {
    boolean isError() {
      return status < 200 || status >= 300;
    }

    String activationIdHeader() {
      return headers.firstValue(ACTIVATION_ID_HEADER).orElse(null);
    }

    /** A 500/502 invoke response that reports a finished activation (not a platform error body). */
    boolean carriesActivation() {
      return activationIdHeader() != null || body.contains("\"activationId\"");
    }
  }

  private String nsBase() {
    return config.apiBase() + "/namespaces/" + encode(config.namespace());
  }

  private String actionUri(String name) {
    Checks.nonBlank("name", name);
    String n = name.startsWith("/") ? name.substring(name.indexOf('/', 1) + 1) : name;
    StringJoiner path = new StringJoiner("/");
    for (String seg : n.split("/")) {
      path.add(encode(Checks.nonBlank("name segment", seg)));
    }
    return nsBase() + "/actions/" + path;
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String queryString(ActivationQuery q, boolean count) {
    StringJoiner s = new StringJoiner("&");
    if (q.name() != null) {
      s.add("name=" + encode(q.name()));
    }
    if (q.since() != null) {
      s.add("since=" + q.since().toEpochMilli());
    }
    if (q.upto() != null) {
      s.add("upto=" + q.upto().toEpochMilli());
    }
    if (count) {
      s.add("count=true");
    } else {
      s.add("limit=" + q.limit());
      s.add("skip=" + q.skip());
      s.add("docs=" + q.docs());
    }
    return s.toString();
  }

  private static String pathOf(String uri) {
    URI u = URI.create(uri);
    return u.getRawPath();
  }

  private String write(Object body) {
    try {
      return mapper.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialize " + body.getClass().getSimpleName(), e);
    }
  }

  private <T> T parse(Reply r, Class<T> type) {
    if (type == JsonNode.class && r.body().isBlank()) {
      return type.cast(JsonNodeFactory.instance.objectNode());
    }
    try {
      return mapper.readValue(r.body(), type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new OpenWhiskException("response (HTTP " + r.status() + ") is not a valid " + type.getSimpleName()
          + ": " + firstLine(e.getMessage()), r.status(), null, null, e);
    }
  }

  private <T> T treeTo(JsonNode tree, Class<T> type, String what) {
    try {
      return mapper.treeToValue(tree, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new OpenWhiskException(what + " returned an invalid " + type.getSimpleName(), 0, null, null, e);
    }
  }

  private OpenWhiskException mapError(String what, Reply r, int attempts) {
    String error = null;
    String code = null;
    try {
      ErrorBody eb = mapper.readValue(r.body(), ErrorBody.class);
      error = eb.error();
      code = eb.code();
    } catch (JsonProcessingException | IllegalArgumentException notJson) {
      String b = r.body().strip();
      error = b.isEmpty() ? null : b.substring(0, Math.min(200, b.length()));
    }
    return OpenWhiskException.forStatus(what + (attempts > 1 ? " (" + attempts + " attempts)" : ""), r.status(),
        error, code);
  }

  private static boolean retryable(int status) {
    return status == 429 || status >= 500;
  }

  private Reply send(String method, String uri, String body, Predicate<Reply> acceptable, boolean retry) {
    RetryPolicy policy = retry ? config.retryPolicy() : RetryPolicy.noRetries(config.retryPolicy().overallDeadline());
    String what = method + " " + pathOf(uri);
    Instant deadline = clock.instant().plus(policy.overallDeadline());
    Reply lastReply = null;
    IOException lastIo = null;
    int attempts = 0;
    while (attempts < policy.maxAttempts()) {
      Duration remaining = Duration.between(clock.instant(), deadline);
      if (remaining.isNegative() || remaining.isZero()) {
        break;
      }
      attempts++;
      Duration timeout = remaining.compareTo(config.requestTimeout()) < 0 ? remaining : config.requestTimeout();
      HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(uri)).timeout(timeout)
          .header("Authorization", config.authorizationHeader()).header("Accept", "application/json");
      if (body != null) {
        rb.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
      } else {
        rb.method(method, HttpRequest.BodyPublishers.noBody());
      }
      Duration retryAfter = Duration.ZERO;
      try {
        HttpResponse<String> resp = http.send(rb.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Reply reply = new Reply(resp.statusCode(), resp.body() == null ? "" : resp.body(), resp.headers());
        LOG.debug("{} -> HTTP {} (attempt {})", what, reply.status(), attempts);
        if (acceptable.test(reply)) {
          return reply;
        }
        if (!retryable(reply.status())) {
          throw mapError(what, reply, attempts);
        }
        lastReply = reply;
        lastIo = null;
        retryAfter = resp.headers().firstValue("Retry-After").flatMap(OpenWhiskClient::seconds).orElse(Duration.ZERO);
      } catch (IOException e) {
        LOG.debug("{} failed on attempt {}: {}", what, attempts, e.toString());
        lastIo = e;
        lastReply = null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OpenWhiskUnavailableException(what + " was interrupted", e);
      }
      if (attempts >= policy.maxAttempts()) {
        break;
      }
      Duration backoff;
      synchronized (jitter) {
        backoff = policy.backoff(attempts, jitter);
      }
      if (retryAfter.compareTo(backoff) > 0) {
        backoff = retryAfter;
      }
      if (clock.instant().plus(backoff).isAfter(deadline)) {
        break;
      }
      LOG.warn("{} failed ({}); retry {} of {} in {} ms", what,
          lastReply != null ? "HTTP " + lastReply.status() : lastIo.getClass().getSimpleName(), attempts,
          policy.maxAttempts() - 1, backoff.toMillis());
      sleepOrThrow(backoff, what);
    }
    if (lastReply != null) {
      throw mapError(what, lastReply, attempts);
    }
    throw new OpenWhiskUnavailableException(what + " on " + config.apiHost() + " got no response after " + attempts
        + " attempt(s) within the " + policy.overallDeadline() + " deadline"
        + (lastIo == null ? "" : ": " + lastIo), lastIo);
  }

  private void sleepOrThrow(Duration d, String what) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpenWhiskUnavailableException(what + " was interrupted", e);
    }
  }

  private static java.util.Optional<Duration> seconds(String header) {
    try {
      long s = Long.parseLong(header.trim());
      return s >= 0 && s <= 3600 ? java.util.Optional.of(Duration.ofSeconds(s)) : java.util.Optional.empty();
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
