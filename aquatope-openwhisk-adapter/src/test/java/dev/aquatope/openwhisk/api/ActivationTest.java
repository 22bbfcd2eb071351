package dev.aquatope.openwhisk.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ActivationTest {

  @Test
  void parse_blockingWarmRecord_hasNoInitTimeAndRestStatus() {
    Activation a = Fixtures.read("invoke-blocking-200-warm.json", Activation.class);
    assertEquals("c7bb1339cb4f40e3a6ccead6c99f804e", a.activationId());
    assertEquals(1493327653767L, a.start());
    assertEquals(2L, a.duration());
    assertEquals(OptionalLong.empty(), a.initTime());
    assertFalse(a.isColdOrPrewarm());
    assertEquals(6, a.waitTime());
    assertEquals("guest/hello", a.path().orElseThrow());
    assertEquals("nodejs:20", a.kind().orElseThrow());
    assertEquals(256, a.limits().orElseThrow().memory());
    assertNull(a.limits().orElseThrow().cpu());
    assertEquals(0, a.effectiveStatusCode());
    assertEquals("Hello John", a.response().result().path("payload").asText());
    assertEquals(2 + 6, a.endToEndMillis());
  }

  @Test
  void parse_coldComponent_hasInitTimeCauseAndCausedBy() {
    Activation a = Fixtures.read("activation-cold-component.json", Activation.class);
    assertEquals(10, a.initTime().orElseThrow());
    assertTrue(a.isColdOrPrewarm());
    assertEquals(5, a.waitTime());
    assertEquals("2a4f3e1b6c5d4e7f8a9b0c1d2e3f4a5b", a.cause());
    assertEquals("sequence", a.annotation("causedBy").orElseThrow().asText());
    assertEquals(128, a.limits().orElseThrow().memory());
    assertEquals(1000, a.limits().orElseThrow().timeout());
    assertTrue(a.isSuccess());
  }

  @Test
  void parse_conductorPrimary_readsStatusCodeInsideResponse() {
    Activation a = Fixtures.read("conductor-primary-activation.json", Activation.class);
    assertTrue(a.isConductorPrimary());
    assertTrue(a.isTopmost());
    assertNull(a.statusCode());
    assertEquals(0, a.response().statusCode());
    assertEquals(0, a.effectiveStatusCode());
    assertEquals(3, a.logs().size());
    // e2e uses end - start + waitTime, not the summed duration (70)
    assertEquals(1570013740130L - 1570013740002L + 1, a.endToEndMillis());
  }

  @Test
  void parse_sequenceRecord_logsAreComponentIds() {
    Activation a = Fixtures.read("sequence-activation-blocking.json", Activation.class);
    assertTrue(a.isTopmost());
    assertFalse(a.isConductorPrimary());
    assertEquals("sequence", a.kind().orElseThrow());
    assertEquals(List.of("a1000000000000000000000000000001", "a1000000000000000000000000000002",
        "a1000000000000000000000000000003"), a.logs());
    assertEquals(957, a.endToEndMillis());
    assertEquals(900L, a.duration());
    assertEquals(512, a.limits().orElseThrow().memory());
  }

  @Test
  void parse_summaryList_hasTopLevelStatusCodeAndNoResponse() {
    Activation[] rows = Fixtures.read("activations-list-summary.json", Activation[].class);
    assertEquals(3, rows.length);
    assertNull(rows[0].response());
    assertEquals(0, rows[0].effectiveStatusCode());
    assertFalse(rows[0].isColdOrPrewarm());
    assertEquals(34, rows[1].initTime().orElseThrow());
    assertEquals(412, rows[1].waitTime());
    assertTrue(rows[2].isConductorPrimary());
    assertNull(rows[2].cause());
    assertEquals("6e8b3a4c0a1f4e2b8b3a4c0a1f4e2b8b", rows[1].cause());
  }

  @Test
  void serialize_roundTrip_equalRecord() throws Exception {
    Activation a = Fixtures.read("activation-cold-component.json", Activation.class);
    String json = Fixtures.MAPPER.writeValueAsString(a);
    assertFalse(json.contains("coldOrPrewarm"), json);
    assertEquals(a, Fixtures.MAPPER.readValue(json, Activation.class));
  }

  @Test
  void endToEndMillis_unfinished_throws() {
    Activation running = new Activation("guest", "a", "0.0.1", null, "x", 100, null, null, null, null, null, null,
        null, null);
    assertFalse(running.isFinished());
    assertThrows(IllegalStateException.class, running::endToEndMillis);
    assertEquals(-1, running.effectiveStatusCode());
  }

  @Test
  void effectiveStatusCode_statusStrings_mapToCodes() {
    assertEquals(1, new ActivationResponse(null, null, "application error", false, null).effectiveStatusCode());
    assertEquals(2, new ActivationResponse(null, null, "action developer error", false, null).effectiveStatusCode());
    assertEquals(3, new ActivationResponse(null, null, "whisk internal error", false, null).effectiveStatusCode());
    assertEquals(1, new ActivationResponse(null, null, null, false, null).effectiveStatusCode());
    assertEquals(2, new ActivationResponse(null, null, "success", true, 2).effectiveStatusCode());
  }
}
