package dev.aquatope.openwhisk.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aquatope.openwhisk.api.Action;
import dev.aquatope.openwhisk.api.ActionLimits;
import dev.aquatope.openwhisk.api.ActionPut;
import dev.aquatope.openwhisk.api.Activation;
import dev.aquatope.openwhisk.api.Exec;
import dev.aquatope.openwhisk.api.Fixtures;
import dev.aquatope.openwhisk.fake.FakeClock;
import dev.aquatope.openwhisk.fake.FakeOpenWhisk;
import dev.aquatope.openwhisk.fake.FakeOpenWhisk.Fault;
import dev.aquatope.openwhisk.fake.FakeSleeper;
import dev.aquatope.openwhisk.fake.TestClients;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenWhiskClientTest {
  static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  FakeClock clock;
  FakeSleeper sleeper;
  FakeOpenWhisk fake;
  OpenWhiskClient client;

  @BeforeEach
  void start() throws Exception {
    clock = new FakeClock(T0);
    sleeper = new FakeSleeper(clock);
    fake = new FakeOpenWhisk(clock);
    fake.createAction("hello", "nodejs:20", 256);
    client = TestClients.guest(fake, sleeper);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void getNamespaces_returnsGuest_andResolvesUnderscore() {
    assertEquals(List.of("guest"), client.getNamespaces());
    assertEquals("guest", client.resolvedNamespace());
    assertEquals("/guest/hello", client.qualify("hello"));
  }

  @Test
  void getNamespaceLimits_readsThrottles() {
    fake.invocationsPerMinute(77);
    assertEquals(77, client.getNamespaceLimits().invocationsPerMinute());
    assertEquals(30, client.getNamespaceLimits().concurrentInvocations());
  }

  @Test
  void getDeploymentInfo_reportsCpuFlag() {
    assertFalse(client.getDeploymentInfo().cpuLimitEnabled());
    fake.cpuEnabled(true);
    assertTrue(client.getDeploymentInfo().cpuLimitEnabled());
    assertEquals(2048, client.getDeploymentInfo().maxActionMemoryMb().getAsInt());
  }

  @Test
  void getAction_default_omitsCode() {
    Action a = client.getAction("hello");
    assertNull(a.exec().code());
    assertEquals(256, a.limits().memory());
    assertEquals("code=false", last("GET").query());
    assertTrue(client.getAction("hello", true).exec().code().contains("function main"));
  }

  @Test
  void updateLimits_partial_sendsOnlyLimitsAndKeepsTheRest() throws Exception {
    Action before = client.getAction("hello", true);
    Action after = client.updateLimits("hello", ActionLimits.memoryOnly(512));
    FakeOpenWhisk.Recorded put = last("PUT");
    assertEquals("overwrite=true", put.query());
    assertEquals(Fixtures.MAPPER.readTree("{\"limits\":{\"memory\":512}}"), Fixtures.MAPPER.readTree(put.body()));
    assertEquals(512, after.limits().memory());
    assertEquals(60000, after.limits().timeout());
    assertEquals(before.exec().code(), after.exec().code());
    assertEquals("0.0.2", after.version());
  }

  @Test
  void updateLimits_pr4648_setsCpu() {
    fake.cpuEnabled(true);
    fake.createAction("cpuful", "nodejs:20", 256);
    Action a = client.updateLimits("cpuful", new ActionLimits(null, null, null, null, null, 0.5));
    assertEquals(0.5, a.limits().cpu());
    assertEquals(256, a.limits().memory());
  }

  @Test
  void updateLimits_outOfRange_badRequestWithOpenWhiskMessage() {
    OpenWhiskBadRequestException e = assertThrows(OpenWhiskBadRequestException.class,
        () -> client.updateLimits("hello", ActionLimits.memoryOnly(4096)));
    assertEquals(400, e.status());
    assertEquals("memory size 4096 MB exceeds allowed threshold of 2048 MB", e.errorMessage().orElseThrow());
    assertTrue(e.errorCode().isPresent());
    assertTrue(e.getMessage().contains("PUT /api/v1/namespaces/_/actions/hello"), e.getMessage());
  }

  @Test
  void putAction_existingWithoutOverwrite_conflict() {
    OpenWhiskConflictException e = assertThrows(OpenWhiskConflictException.class,
        () -> client.putAction("hello", ActionPut.create(Exec.code("nodejs:20", "x"), null), false));
    assertEquals(409, e.status());
    assertEquals("resource already exists", e.errorMessage().orElseThrow());
  }

  @Test
  void getAction_missing_notFound() {
    OpenWhiskNotFoundException e = assertThrows(OpenWhiskNotFoundException.class, () -> client.getAction("nope"));
    assertEquals("The requested resource does not exist.", e.errorMessage().orElseThrow());
  }

  @Test
  void createSequence_qualifiesComponents() throws Exception {
    fake.createAction("b", "nodejs:20", 128);
    Action seq = client.createSequence("seq", List.of("hello", "b"), false);
    assertEquals(List.of("/guest/hello", "/guest/b"), seq.exec().components());
    JsonNode body = Fixtures.MAPPER.readTree(last("PUT").body());
    assertEquals("sequence", body.path("exec").path("kind").asText());
  }

  @Test
  void invoke_blocking_returnsColdThenWarmActivation() {
    InvokeResult.Completed first = assertInstanceOf(InvokeResult.Completed.class,
        client.invoke("hello", "{\"name\":\"x\"}", true, false, 60_000));
    assertEquals(200, first.httpStatus());
    Activation a = first.activation();
    assertEquals(first.activationId(), a.activationId());
    assertEquals(100, a.initTime().orElseThrow());
    assertEquals(500, a.waitTime());
    assertEquals(T0.toEpochMilli() + 500, a.start());
    assertEquals(200, a.duration());
    assertEquals("blocking=true&result=false&timeout=60000", last("POST").query());
    clock.advance(Duration.ofSeconds(1));
    Activation warm = client.invokeAndWait("hello", null, 60_000, Duration.ofMillis(100), Duration.ofSeconds(5));
    assertTrue(warm.initTime().isEmpty());
    assertEquals(3, warm.waitTime());
    assertEquals(100, warm.duration());
  }

  @Test
  void invoke_afterUpdateOrIdleTimeout_startsColdAgain() {
    client.invoke("hello", "{}", true, false, 60_000);
    clock.advance(Duration.ofSeconds(5));
    Activation warm = ((InvokeResult.Completed) client.invoke("hello", "{}", true, false, 60_000)).activation();
    assertTrue(warm.initTime().isEmpty());
    // a new version no longer matches the warm container
    client.updateLimits("hello", ActionLimits.memoryOnly(512));
    clock.advance(Duration.ofSeconds(5));
    Activation afterUpdate = ((InvokeResult.Completed) client.invoke("hello", "{}", true, false, 60_000)).activation();
    assertEquals(500, afterUpdate.waitTime());
    assertEquals(512, afterUpdate.limits().orElseThrow().memory());
    // idle for more than 10 minutes: evicted
    clock.advance(Duration.ofMinutes(11));
    Activation afterIdle = ((InvokeResult.Completed) client.invoke("hello", "{}", true, false, 60_000)).activation();
    assertTrue(afterIdle.isColdOrPrewarm());
  }

  @Test
  void invoke_resultOnly_returnsResultBody() {
    InvokeResult.Completed r = assertInstanceOf(InvokeResult.Completed.class,
        client.invoke("hello", "{}", true, true, 60_000));
    assertNull(r.activation());
    assertEquals("hello", r.body().path("action").asText());
    assertEquals(32, r.activationId().length());
  }

  @Test
  void invokeAndWait_longRun_202ThenPollsUntilStored() {
    fake.latency((a, m, c) -> 5_000);
    InvokeResult r = client.invoke("hello", "{}", true, false, 1_000);
    assertInstanceOf(InvokeResult.Accepted.class, r);
    assertThrows(OpenWhiskNotFoundException.class, () -> client.getActivation(r.activationId()));
    Activation a = client.awaitActivation(r.activationId(), Duration.ofSeconds(1), Duration.ofSeconds(30));
    assertEquals(r.activationId(), a.activationId());
    assertEquals(5_100, a.duration());
    // stored at T0 + 500 wait + 100 init + 5000 run = 5.6 s: six 1 s polls
    assertEquals(6, sleeper.sleeps().size());
  }

  @Test
  void awaitActivation_neverStored_failsAfterMaxWait() {
    OpenWhiskUnavailableException e = assertThrows(OpenWhiskUnavailableException.class,
        () -> client.awaitActivation("0123", Duration.ofSeconds(1), Duration.ofSeconds(3)));
    assertTrue(e.getMessage().contains("not stored within PT3S"), e.getMessage());
    assertTrue(sleeper.sleeps().size() <= 3);
  }

  @Test
  void invoke_applicationError_502ParsedAsActivation() {
    fake.failAction("hello", true);
    InvokeResult.Completed r = assertInstanceOf(InvokeResult.Completed.class,
        client.invoke("hello", "{}", true, false, 60_000));
    assertEquals(502, r.httpStatus());
    assertEquals(1, r.activation().effectiveStatusCode());
    assertFalse(r.activation().isSuccess());
    assertEquals("failed", r.activation().response().result().path("error").asText());
  }

  @Test
  void invoke_500WithActivationBody_parsedNotRetried() {
    String body = "{\"activationId\":\"e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0\",\"name\":\"hello\",\"start\":1,\"end\":5,"
        + "\"duration\":4,\"response\":{\"status\":\"whisk internal error\",\"success\":false,"
        + "\"result\":{\"error\":\"The action did not initialize.\"}}}";
    fake.inject(Fault.status(500, body), "/actions/hello");
    InvokeResult.Completed r = assertInstanceOf(InvokeResult.Completed.class,
        client.invoke("hello", "{}", true, false, 60_000));
    assertEquals(500, r.httpStatus());
    assertEquals("e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0", r.activationId());
    assertEquals(3, r.activation().effectiveStatusCode());
    assertTrue(sleeper.sleeps().isEmpty());
  }

  @Test
  void invoke_500WithErrorBody_retriedAsPlatformError() {
    fake.inject(Fault.status(500), "/actions/hello");
    InvokeResult r = client.invoke("hello", "{}", true, false, 60_000);
    assertInstanceOf(InvokeResult.Completed.class, r);
    assertEquals(1, sleeper.sleeps().size());
  }

  @Test
  void send_5xxEveryTime_platformExceptionWithStatus() {
    for (int i = 0; i < 4; i++) {
      fake.inject(Fault.status(503));
    }
    OpenWhiskPlatformException e = assertThrows(OpenWhiskPlatformException.class, () -> client.getNamespaces());
    assertEquals(503, e.status());
    assertEquals("injected fault 503", e.errorMessage().orElseThrow());
  }

  @Test
  void invoke_nonBlocking_202() {
    InvokeResult r = client.invoke("hello", "{}", false, false, 0);
    assertInstanceOf(InvokeResult.Accepted.class, r);
    assertEquals("blocking=false&result=false", last("POST").query());
  }

  @Test
  void invoke_timeoutOutOfRange_rejectedBeforeSending() {
    assertThrows(IllegalArgumentException.class, () -> client.invoke("hello", "{}", true, false, 60_001));
  }

  @Test
  void listActivations_filtersByNameSinceUptoAndPages() {
    fake.createAction("other", "nodejs:20", 256);
    for (int i = 0; i < 5; i++) {
      client.invoke("hello", "{}", true, false, 60_000);
      client.invoke("other", "{}", true, false, 60_000);
      clock.advance(Duration.ofSeconds(10));
    }
    long s0 = T0.toEpochMilli();
    List<Activation> all = client.listActivations(new ActivationQuery("hello", null, null, 200, 0, false));
    assertEquals(5, all.size());
    assertTrue(all.get(0).start() > all.get(4).start(), "newest first");
    assertNull(all.get(0).response(), "summary rows have no response");
    assertEquals(0, all.get(0).effectiveStatusCode());
    List<Activation> window = client.listActivations(new ActivationQuery("hello",
        Instant.ofEpochMilli(s0 + 10_000), Instant.ofEpochMilli(s0 + 30_003), 200, 0, true));
    assertEquals(3, window.size());
    assertTrue(window.get(0).response() != null, "docs=true returns full records");
    List<Activation> page = client.listActivations(new ActivationQuery("hello", null, null, 2, 2, false));
    assertEquals(List.of(all.get(2).activationId(), all.get(3).activationId()),
        page.stream().map(Activation::activationId).toList());
    assertEquals("name=hello&limit=2&skip=2&docs=false", last("GET").query());
    assertEquals(5, client.countActivations("hello", null, null));
    assertEquals(10, client.countActivations(null, null, null));
  }

  @Test
  void activations_newRecordWhilePaging_dedupedById() {
    for (int i = 0; i < 5; i++) {
      client.invoke("hello", "{}", true, false, 60_000);
      clock.advance(Duration.ofSeconds(1));
    }
    Iterator<Activation> it = client.activations(new ActivationQuery("hello", null, null, 2, 0, false), 10);
    List<String> ids = new ArrayList<>();
    ids.add(it.next().activationId());
    // a newer record shifts every later page by one: page 2 repeats page 1's last row
    client.invoke("hello", "{}", true, false, 60_000);
    clock.advance(Duration.ofSeconds(1));
    it.forEachRemaining(a -> ids.add(a.activationId()));
    Set<String> unique = new HashSet<>(ids);
    assertEquals(ids.size(), unique.size(), "no duplicates: " + ids);
    assertEquals(5, ids.size());
  }

  @Test
  void activations_maxPages_boundsTheLoop() {
    for (int i = 0; i < 5; i++) {
      client.invoke("hello", "{}", true, false, 60_000);
      clock.advance(Duration.ofSeconds(1));
    }
    List<Activation> got = client.streamActivations(new ActivationQuery("hello", null, null, 1, 0, false), 3).toList();
    assertEquals(3, got.size());
  }

  @Test
  void send_429Then503_retriedThenSucceeds() {
    fake.inject(Fault.status(429));
    fake.inject(Fault.status(503));
    assertEquals(List.of("guest"), client.getNamespaces());
    assertEquals(3, fake.requests().size());
    List<Duration> sleeps = sleeper.sleeps();
    assertEquals(2, sleeps.size());
    // 100 ms then 200 ms, each within the 20 % jitter band
    assertTrue(sleeps.get(0).toMillis() >= 80 && sleeps.get(0).toMillis() <= 120, sleeps.toString());
    assertTrue(sleeps.get(1).toMillis() >= 160 && sleeps.get(1).toMillis() <= 240, sleeps.toString());
  }

  @Test
  void send_429OnInvoke_retriedThenSucceeds() {
    fake.inject(Fault.status(429), "/actions/hello");
    InvokeResult r = client.invoke("hello", "{}", true, false, 60_000);
    assertInstanceOf(InvokeResult.Completed.class, r);
    assertEquals(1, fake.activationCount());
  }

  @Test
  void send_throttledEveryTime_throwsThrottledAfterMaxAttempts() {
    fake.invocationsPerMinute(1);
    client.invoke("hello", "{}", true, false, 60_000);
    OpenWhiskThrottledException e = assertThrows(OpenWhiskThrottledException.class,
        () -> client.invoke("hello", "{}", true, false, 60_000));
    assertEquals(429, e.status());
    assertTrue(e.errorMessage().orElseThrow().startsWith("Too many requests in the last minute (count: 1, allowed: 1)"));
    assertTrue(e.getMessage().contains("(4 attempts)"), e.getMessage());
    assertEquals(3, sleeper.sleeps().size());
  }

  @Test
  void send_droppedConnectionOnInvoke_retried() {
    // POST is not retried by the JDK itself, so exactly one retry is ours
    fake.inject(Fault.drop(), "/actions/hello");
    InvokeResult r = client.invoke("hello", "{}", true, false, 60_000);
    assertInstanceOf(InvokeResult.Completed.class, r);
    assertEquals(1, sleeper.sleeps().size());
    assertEquals(1, fake.activationCount());
  }

  @Test
  void send_droppedConnectionsOnGet_retriedUntilSuccess() {
    fake.inject(Fault.drop());
    fake.inject(Fault.drop());
    assertEquals(List.of("guest"), client.getNamespaces());
    int sleeps = sleeper.sleeps().size();
    assertTrue(sleeps >= 1 && sleeps <= 2, "our retries: " + sleeps);
  }

  @Test
  void send_slowResponse_timesOutAndRetries() {
    OpenWhiskClient quick = new OpenWhiskClient(OpenWhiskConfig.newBuilder().apiHost(fake.apiHost())
        .auth(FakeOpenWhisk.GUEST_KEY).requestTimeout(Duration.ofMillis(300)).retryPolicy(TestClients.RETRY).build(),
        clock, sleeper);
    fake.inject(Fault.slow(1_500));
    assertEquals(List.of("guest"), quick.getNamespaces());
    assertEquals(1, sleeper.sleeps().size());
  }

  @Test
  void send_deadServer_failsWithinDeadline() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    RetryPolicy policy = new RetryPolicy(50, Duration.ofMillis(500), Duration.ofSeconds(2), 2.0, 0.2,
        Duration.ofSeconds(5), 3L);
    OpenWhiskClient dead = new OpenWhiskClient(OpenWhiskConfig.newBuilder().apiHost("http://127.0.0.1:" + port)
        .auth(FakeOpenWhisk.GUEST_KEY).connectTimeout(Duration.ofSeconds(1)).retryPolicy(policy).build(),
        clock, sleeper);
    Instant begin = clock.instant();
    OpenWhiskUnavailableException e = assertThrows(OpenWhiskUnavailableException.class, dead::getNamespaces);
    Duration elapsed = Duration.between(begin, clock.instant());
    assertTrue(elapsed.compareTo(Duration.ofSeconds(5)) <= 0, "elapsed " + elapsed);
    assertTrue(sleeper.sleeps().size() >= 2 && sleeper.sleeps().size() < 50, sleeper.sleeps().toString());
    assertEquals(0, e.status());
    assertTrue(e.getMessage().contains("GET /api/v1/namespaces on http://127.0.0.1:" + port + " got no response after"),
        e.getMessage());
    assertTrue(e.getMessage().contains("PT5S deadline"), e.getMessage());
    assertInstanceOf(java.io.IOException.class, e.getCause());
  }

  @Test
  void send_wrongCredentials_authExceptionWithoutRetry() {
    OpenWhiskClient wrong = TestClients.withKey(fake, sleeper, "23bc46b1-71f6-4ed5-8c54-816aa4f8c502:wrongkey");
    OpenWhiskAuthException e = assertThrows(OpenWhiskAuthException.class, wrong::getNamespaces);
    assertEquals(401, e.status());
    assertEquals("The supplied authentication is invalid", e.errorMessage().orElseThrow());
    assertEquals(1, fake.requests().size());
    assertTrue(sleeper.sleeps().isEmpty());
  }

  @Test
  void send_otherNamespace_forbidden() {
    OpenWhiskClient other = new OpenWhiskClient(OpenWhiskConfig.newBuilder().apiHost(fake.apiHost())
        .auth(FakeOpenWhisk.GUEST_KEY).namespace("whisk.system").retryPolicy(TestClients.RETRY).build(), clock,
        sleeper);
    OpenWhiskAuthException e = assertThrows(OpenWhiskAuthException.class, () -> other.getAction("x"));
    assertEquals(403, e.status());
  }

  private FakeOpenWhisk.Recorded last(String method) {
    List<FakeOpenWhisk.Recorded> r = fake.requests().stream().filter(x -> x.method().equals(method)).toList();
    return r.get(r.size() - 1);
  }
}
