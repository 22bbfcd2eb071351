package dev.aquatope.openwhisk.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.Workflow;
import dev.aquatope.core.spi.FunctionHistory;
import dev.aquatope.core.spi.ProfileRequest;
import dev.aquatope.core.spi.ProfileResult;
import dev.aquatope.openwhisk.api.Action;
import dev.aquatope.openwhisk.api.ActionLimits;
import dev.aquatope.openwhisk.api.ActionPut;
import dev.aquatope.openwhisk.api.Activation;
import dev.aquatope.openwhisk.api.Exec;
import dev.aquatope.openwhisk.client.ActivationQuery;
import dev.aquatope.openwhisk.client.OpenWhiskClient;
import dev.aquatope.openwhisk.client.OpenWhiskConfig;
import dev.aquatope.openwhisk.platform.OpenWhiskPlatform;
import dev.aquatope.openwhisk.platform.PlatformOptions;
import dev.aquatope.openwhisk.prewarm.ReadOnlyPrewarmController;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Against a real OpenWhisk: {@code OW_APIHOST}, {@code OW_AUTH}, optional {@code OW_NAMESPACE} and
 * {@code OW_INSECURE=true}. Creates actions {@code aquatope-live-a}, {@code -b} and the sequence
 * {@code aquatope-live-wf} in the namespace and deletes them afterwards.
 */
@Tag("live")
@EnabledIfEnvironmentVariable(named = "OW_APIHOST", matches = ".+")
@EnabledIfEnvironmentVariable(named = "OW_AUTH", matches = ".+:.+")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveOpenWhiskTest {
  static final String CODE = "function main(p) { let x = 0; for (let i = 0; i < 1e6; i++) { x += i; } return {x}; }";
  OpenWhiskClient client;

  @BeforeAll
  void connect() {
    OpenWhiskConfig.Builder b = OpenWhiskConfig.newBuilder().apiHost(System.getenv("OW_APIHOST"))
        .auth(System.getenv("OW_AUTH"));
    String ns = System.getenv("OW_NAMESPACE");
    if (ns != null && !ns.isBlank()) {
      b.namespace(ns);
    }
    b.insecure("true".equals(System.getenv("OW_INSECURE")));
    client = new OpenWhiskClient(b.build());
    for (String a : List.of("aquatope-live-a", "aquatope-live-b")) {
      client.putAction(a, ActionPut.create(Exec.code("nodejs:default", CODE), null), true);
    }
    client.createSequence("aquatope-live-wf", List.of("aquatope-live-a", "aquatope-live-b"), true);
  }

  @AfterAll
  void cleanUp() {
    for (String a : List.of("aquatope-live-wf", "aquatope-live-a", "aquatope-live-b")) {
      try {
        client.deleteAction(a);
      } catch (RuntimeException ignored) {
        // best effort
      }
    }
  }

  @Test
  void namespacesLimitsAndInfo_read() {
    assertFalse(client.getNamespaces().isEmpty());
    assertTrue(client.getNamespaceLimits().invocationsPerMinuteOrDefault() > 0);
    assertEquals("OpenWhisk", client.getDeploymentInfo().description());
  }

  @Test
  void updateLimits_partial_keepsCode() {
    Action after = client.updateLimits("aquatope-live-a", ActionLimits.memoryOnly(256));
    assertEquals(256, after.limits().memory());
    assertTrue(client.getAction("aquatope-live-a", true).exec().code().contains("function main"));
  }

  @Test
  void invoke_thenListed() {
    Instant since = Instant.now().minusSeconds(5);
    Activation a = client.invokeAndWait("aquatope-live-a", "{}", 60_000, Duration.ofSeconds(1), Duration.ofMinutes(2));
    assertTrue(a.isSuccess());
    boolean found = false;
    for (int i = 0; i < 20 && !found; i++) { // records are stored asynchronously
      found = client.listActivations(ActivationQuery.of("aquatope-live-a", since, null)).stream()
          .anyMatch(x -> x.activationId().equals(a.activationId()));
      if (!found) {
        sleep();
      }
    }
    assertTrue(found, "activation " + a.activationId() + " listed");
  }

  @Test
  void platform_profileAndHistory() {
    OpenWhiskPlatform p = new OpenWhiskPlatform(client, new ReadOnlyPrewarmController(null),
        PlatformOptions.newBuilder().cpuMode(dev.aquatope.openwhisk.platform.CpuMode.MEMORY_ONLY).build());
    Workflow wf = new Workflow("aquatope-live-wf", List.of(
        new dev.aquatope.core.model.Stage("a", FunctionId.of("aquatope-live-a")),
        new dev.aquatope.core.model.Stage("b", FunctionId.of("aquatope-live-b"))),
        List.of(dev.aquatope.core.model.Edge.of("a", "b")));
    Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    ProfileResult r = p.profile(wf, List.of(new Configuration(Map.of("a.memory", 256.0, "b.memory", 256.0))),
        ProfileRequest.warm(3, 1.0)).get(0);
    assertEquals(3, r.latencies().length + r.failures());
    sleep();
    FunctionHistory h = p.history(FunctionId.of("aquatope-live-a"), from, Instant.now().plusSeconds(60));
    assertTrue(h.totalInvocations() >= 1);
  }

  private static void sleep() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
