package dev.aquatope.openwhisk.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every fixture of OPENWHISK.md section 1.9 parses into the adapter's records. */
class RecordsContractTest {

  @Test
  void action_codeFalse_parsesWithoutCodeOrCpu() {
    Action a = Fixtures.read("action-get-code-false.json", Action.class);
    assertEquals("resize", a.name());
    assertEquals("0.0.3", a.version());
    assertEquals("nodejs:20", a.exec().kind());
    assertNull(a.exec().code());
    assertEquals(new ActionLimits(60000, 256, 10, 1, null, null), a.limits());
    assertEquals("test", a.parameters().get(0).value().asText());
    assertFalse(a.annotation("provide-api-key").orElseThrow().asBoolean());
    assertEquals(1700000000123L, a.updated());
  }

  @Test
  void action_pr4648_hasCpuAndToleratesUnknownFields() {
    Action a = Fixtures.read("action-get-pr4648-cpu.json", Action.class);
    assertEquals(0.2, a.limits().cpu());
    assertEquals(1024, a.limits().memory());
    assertEquals("zzhou612/ml-train:latest", a.exec().image());
  }

  @Test
  void actionPut_bodies_roundTripWithOnlyGivenFields() throws Exception {
    ActionPut create = Fixtures.read("action-put-create.json", ActionPut.class);
    assertEquals("nodejs:20", create.exec().kind());
    assertNull(create.limits());
    ActionPut limitsOnly = Fixtures.read("action-put-limits-only.json", ActionPut.class);
    assertEquals(ActionPut.limitsOnly(new ActionLimits(30000, 512, null, null, null, null)), limitsOnly);
    assertEquals(Fixtures.MAPPER.readTree(Fixtures.text("action-put-limits-only.json")),
        Fixtures.MAPPER.valueToTree(limitsOnly));
    ActionPut cpu = Fixtures.read("action-put-limits-only-pr4648.json", ActionPut.class);
    assertEquals(Fixtures.MAPPER.readTree("{\"limits\":{\"memory\":512,\"cpu\":0.5}}"),
        Fixtures.MAPPER.valueToTree(cpu));
    ActionPut seq = Fixtures.read("action-put-sequence.json", ActionPut.class);
    assertTrue(seq.exec().isSequence());
    assertEquals(List.of("/whisk.system/utils/split", "/whisk.system/utils/sort"), seq.exec().components());
  }

  @Test
  void activationId_202Body_parses() {
    assertEquals("5f4b2c1e9a8d4e7f8b2c1e9a8d4e7f8b",
        Fixtures.read("invoke-accepted-202.json", ActivationId.class).activationId());
  }

  @Test
  void count_body_hasActivationsNumber() {
    JsonNode n = Fixtures.read("activations-count.json", JsonNode.class);
    assertEquals(42, n.path("activations").asLong());
  }

  @Test
  void namespaces_andLimits_parse() {
    assertEquals(List.of("guest"), List.of(Fixtures.read("namespaces.json", String[].class)));
    NamespaceLimits l = Fixtures.read("namespace-limits.json", NamespaceLimits.class);
    assertEquals(120, l.invocationsPerMinuteOrDefault());
    assertEquals(100, l.concurrentInvocationsOrDefault());
    assertEquals(512, l.maxActionMemory());
    assertEquals(300000L, l.maxActionTimeout());
    assertEquals("1 MB", l.maxParameterSize());
    NamespaceLimits empty = new NamespaceLimits(null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null);
    assertEquals(NamespaceLimits.DEFAULT_INVOCATIONS_PER_MINUTE, empty.invocationsPerMinuteOrDefault());
  }

  @Test
  void errorBodies_parse() {
    ErrorBody e404 = Fixtures.read("error-404.json", ErrorBody.class);
    assertEquals("The requested resource does not exist.", e404.error());
    assertEquals("3b2c4e9a8f7d6e5c", e404.code());
    assertTrue(Fixtures.read("error-429.json", ErrorBody.class).error().startsWith("Too many requests"));
  }

  @Test
  void deploymentInfo_pr4648_reportsCpuAndMemoryRanges() {
    DeploymentInfo d = Fixtures.read("deployment-info-pr4648.json", DeploymentInfo.class);
    assertTrue(d.cpuLimitEnabled());
    assertEquals(128, d.minActionMemoryMb().getAsInt());
    assertEquals(10240, d.maxActionMemoryMb().getAsInt());
    assertEquals(6.0, d.maxActionCpu().getAsDouble());
    assertEquals(List.of("/api/v1"), d.apiPaths());
    DeploymentInfo master = new DeploymentInfo("OpenWhisk", null, null, null);
    assertFalse(master.cpuLimitEnabled());
    assertTrue(master.minActionCpu().isEmpty());
  }

  @Test
  void userEvent_activation_parses() {
    UserEvent e = Fixtures.read("user-event-activation.json", UserEvent.class);
    UserEvent.ActivationEvent a = e.activation().orElseThrow();
    assertEquals(243, a.initTime());
    assertEquals(18, a.waitTime());
    assertEquals(256, a.memory());
    assertEquals("guest/hello", a.name());
    assertEquals("invoker0", e.source());
  }

  @Test
  void actionLimits_invalid_rejectedWithName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ActionLimits(null, 0, null, null, null, null));
    assertTrue(e.getMessage().contains("memory"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ActionLimits(null, null, null, null, null, Double.NaN));
  }

  @Test
  void mergedWith_keepsAbsentFields() {
    ActionLimits cur = new ActionLimits(60000, 256, 10, 1, null, 0.2);
    assertEquals(new ActionLimits(60000, 512, 10, 1, null, 0.2), cur.mergedWith(ActionLimits.memoryOnly(512)));
  }

  @Test
  void exec_sequence_requiresQualifiedNames() {
    assertThrows(IllegalArgumentException.class, () -> Exec.sequence(List.of("a")));
    assertThrows(IllegalArgumentException.class, () -> Exec.sequence(List.of()));
  }
}
