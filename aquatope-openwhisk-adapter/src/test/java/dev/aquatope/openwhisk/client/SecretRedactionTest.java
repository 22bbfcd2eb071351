package dev.aquatope.openwhisk.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.Workflow;
import dev.aquatope.core.spi.ProfileRequest;
import dev.aquatope.openwhisk.api.Fixtures;
import dev.aquatope.openwhisk.fake.FakeClock;
import dev.aquatope.openwhisk.fake.FakeOpenWhisk;
import dev.aquatope.openwhisk.fake.FakeOpenWhisk.Fault;
import dev.aquatope.openwhisk.fake.FakeSleeper;
import dev.aquatope.openwhisk.fake.TestClients;
import dev.aquatope.openwhisk.platform.OpenWhiskPlatform;
import dev.aquatope.openwhisk.platform.PlatformOptions;
import dev.aquatope.openwhisk.prewarm.AdminEndpoint;
import dev.aquatope.openwhisk.prewarm.Pr4790PrewarmController;
import dev.aquatope.openwhisk.prewarm.PrewarmController;
import dev.aquatope.openwhisk.prewarm.RuntimeKey;
import dev.aquatope.openwhisk.prewarm.RuntimeManifest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the adapter through success, retry, failure and configuration paths with SLF4J (slf4j-simple,
 * writing to {@code System.err} at debug level for this module) captured, and asserts that no
 * secret appears in any log line, exception message, stack trace or {@code toString}.
 */
class SecretRedactionTest {
  static final String SECRET = "SuperSecretKeyMaterial0123456789abcdefABCDEF";
  static final String KEY = "0b5f2e1c-9d3a-4e7b-8c6f-112233445566:" + SECRET;
  static final String ADMIN_PASSWORD = "AdminPw-Secret-987";

  @Test
  void secrets_absentFromLogsMessagesAndToString() throws Exception {
    PrintStream originalErr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<String> texts = new ArrayList<>();
    System.setErr(new PrintStream(new Tee(captured, originalErr), true, StandardCharsets.UTF_8));
    try {
      exercise(texts);
    } finally {
      System.err.flush();
      System.setErr(originalErr);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    // the capture works: warnings and debug lines of this run are in it
    assertTrue(log.contains("TLS certificate and host name verification are OFF"), log);
    assertTrue(log.contains("failed (HTTP 429); retry 1 of 3"), log);
    assertTrue(log.contains("GET /api/v1/namespaces -> HTTP 200"), log);
    String base64Key = Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8));
    String base64Admin = Base64.getEncoder().encodeToString(
        (FakeOpenWhisk.CONTROLLER_USER + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    texts.add(log);
    assertTrue(texts.size() >= 8, "scenario produced " + texts.size() + " texts");
    for (String t : texts) {
      for (String secret : List.of(SECRET, KEY, base64Key, SECRET.substring(0, 12), ADMIN_PASSWORD, base64Admin)) {
        assertFalse(t.contains(secret), "secret leaked into: " + t);
      }
    }
  }

  private void exercise(List<String> texts) throws Exception {
    FakeClock clock = new FakeClock(Instant.parse("2026-01-05T10:00:00Z"));
    FakeSleeper sleeper = new FakeSleeper(clock);
    try (FakeOpenWhisk fake = new FakeOpenWhisk(clock)) {
      fake.key(KEY).advanceClockOnBlockingInvoke(true);
      for (String s : List.of("a", "b")) {
        fake.createAction(s, "nodejs:20", 256);
      }
      fake.createSequence("wf", "a", "b");
      OpenWhiskClient client = TestClients.withKey(fake, sleeper, KEY);
      texts.add(client.toString());
      texts.add(client.config().toString());

      // insecure mode logs a warning (proves the capture sees the adapter's loggers)
      OpenWhiskClient insecure = new OpenWhiskClient(OpenWhiskConfig.newBuilder().apiHost("https://127.0.0.1:1")
          .auth(KEY).insecure(true).build(), clock, sleeper);
      texts.add(insecure.toString());

      // retried 429, then success; debug lines for every request
      fake.inject(Fault.status(429));
      client.getNamespaces();

      // platform: apply, profile, history
      OpenWhiskPlatform platform = new OpenWhiskPlatform(client, new dev.aquatope.openwhisk.prewarm
          .ReadOnlyPrewarmController(null), PlatformOptions.defaults());
      Workflow wf = Workflow.chain("wf", "a", "b");
      platform.profile(wf, List.of(new Configuration(Map.of("a.memory", 512.0, "b.memory", 256.0))),
          ProfileRequest.warm(2, 5.0));
      platform.history(FunctionId.of("a"), clock.instant().minusSeconds(120), clock.instant().plusSeconds(60));
      texts.add(platform.toString());

      // failures: 400, 404, 401, dead server, 502 activation
      texts.add(trace(assertThrows(OpenWhiskException.class,
          () -> client.updateLimits("a", dev.aquatope.openwhisk.api.ActionLimits.memoryOnly(100_000)))));
      texts.add(trace(assertThrows(OpenWhiskException.class, () -> client.getAction("missing"))));
      String wrongKey = "0b5f2e1c-9d3a-4e7b-8c6f-112233445566:" + SECRET + "X";
      texts.add(trace(assertThrows(OpenWhiskAuthException.class,
          () -> TestClients.withKey(fake, sleeper, wrongKey).getNamespaces())));
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      OpenWhiskClient dead = new OpenWhiskClient(OpenWhiskConfig.newBuilder().apiHost("http://127.0.0.1:" + port)
          .auth(KEY).retryPolicy(TestClients.RETRY).build(), clock, sleeper);
      texts.add(trace(assertThrows(OpenWhiskUnavailableException.class, dead::getNamespaces)));
      texts.add(trace(assertThrows(IllegalArgumentException.class,
          () -> OpenWhiskConfig.newBuilder().auth(SECRET))));

      // admin credentials of the prewarm API
      AdminEndpoint admin = new AdminEndpoint(URI.create(fake.apiHost() + "/config/runtime"),
          FakeOpenWhisk.CONTROLLER_USER, ADMIN_PASSWORD);
      texts.add(admin.toString());
      PrewarmController pr = new Pr4790PrewarmController(admin, List.of(admin),
          RuntimeManifest.parse(Fixtures.text("pr4790-config-runtime-body.json"), Fixtures.MAPPER),
          f -> new RuntimeKey("nodejs:10", 128), null, HttpClient.newHttpClient(), Duration.ofSeconds(5),
          Fixtures.MAPPER);
      texts.add(trace(assertThrows(OpenWhiskAuthException.class,
          () -> pr.setPrewarmTargets(Map.of(FunctionId.of("a"), 1)))));
    }
  }

  private static String trace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  /** Writes to two streams. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }

    @Override
    public void flush() throws java.io.IOException {
      a.flush();
      b.flush();
    }
  }
}
