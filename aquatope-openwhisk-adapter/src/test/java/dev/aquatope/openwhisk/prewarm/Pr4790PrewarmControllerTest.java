package dev.aquatope.openwhisk.prewarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.openwhisk.api.Fixtures;
import dev.aquatope.openwhisk.client.OpenWhiskAuthException;
import dev.aquatope.openwhisk.fake.FakeOpenWhisk;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Pr4790PrewarmControllerTest extends PrewarmControllerContract {

  Pr4790PrewarmController controller(FakeOpenWhisk fake, String controllerPass, String range) {
    RuntimeManifest base = RuntimeManifest.parse(fetchManifest(fake), Fixtures.MAPPER);
    return new Pr4790PrewarmController(
        new AdminEndpoint(URI.create(fake.apiHost() + "/config/runtime"), FakeOpenWhisk.CONTROLLER_USER, controllerPass),
        List.of(new AdminEndpoint(URI.create(fake.apiHost() + "/getRuntime"), FakeOpenWhisk.INVOKER_USER,
            FakeOpenWhisk.INVOKER_PASS)),
        base, f -> new RuntimeKey("nodejs:20", 256), range, HttpClient.newHttpClient(), Duration.ofSeconds(5),
        Fixtures.MAPPER);
  }

  private static String fetchManifest(FakeOpenWhisk fake) {
    AdminHttp http = new AdminHttp(HttpClient.newHttpClient(), Duration.ofSeconds(5));
    return http.get(new AdminEndpoint(URI.create(fake.apiHost() + "/fork/runtime"), FakeOpenWhisk.CONTROLLER_USER,
        FakeOpenWhisk.CONTROLLER_PASS), null);
  }

  @Override
  protected PrewarmController create(FakeOpenWhisk fake) {
    return controller(fake, FakeOpenWhisk.CONTROLLER_PASS, null);
  }

  @Override
  protected boolean appliesTargets() {
    return true;
  }

  @Test
  void setPrewarmTargets_sumsPerKindAndMemory_andPostsCompleteManifest() throws Exception {
    Pr4790PrewarmController c = controller(fake, FakeOpenWhisk.CONTROLLER_PASS, "0:1");
    c.setPrewarmTargets(Map.of(FunctionId.of("a"), 2, FunctionId.of("b"), 3));
    assertEquals(5, fake.readyStemCells().get("nodejs:20|256"));
    assertEquals(1, fake.readyStemCells().get("python:3|256"), "other kinds keep their stem cells");
    FakeOpenWhisk.Recorded post = fake.requests().stream().filter(r -> r.path().equals("/config/runtime")).findFirst()
        .orElseThrow();
    assertEquals("limit=0:1", post.query());
    JsonNode body = Fixtures.MAPPER.readTree(post.body());
    assertEquals(5, body.path("runtimes").path("nodejs").get(0).path("stemCells").get(0).path("initialCount").asInt());
    assertTrue(body.path("runtimes").has("python"), "the complete manifest is posted");
    assertEquals(List.of(new PrewarmPool("nodejs:20", 256, 5), new PrewarmPool("python:3", 256, 1)),
        c.currentPools());
  }

  @Test
  void setPrewarmTargets_zero_sendsOne() throws Exception {
    Pr4790PrewarmController c = controller(fake, FakeOpenWhisk.CONTROLLER_PASS, null);
    c.setPrewarmTargets(Map.of(FunctionId.of("a"), 0));
    assertEquals(1, fake.readyStemCells().get("nodejs:20|256"));
    assertEquals(Map.of(FunctionId.of("a"), 0), c.targets());
  }

  @Test
  void setPrewarmTargets_wrongAdminPassword_authExceptionAndNoChange() {
    Pr4790PrewarmController c = controller(fake, "wrong", null);
    OpenWhiskAuthException e = assertThrows(OpenWhiskAuthException.class,
        () -> c.setPrewarmTargets(Map.of(FunctionId.of("a"), 2)));
    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("username or password is wrong"), e.getMessage());
    assertEquals(Map.of(), c.targets());
  }

  @Test
  void parseRuntimeRows_fixture() {
    assertEquals(List.of(new PrewarmPool("nodejs:10", 128, 2), new PrewarmPool("nodejs:10", 256, 1)),
        Pr4790PrewarmController.parseRuntimeRows(Fixtures.text("pr4790-getRuntime-response.json"), Fixtures.MAPPER));
  }

  @Test
  void constructor_badRange_rejected() {
    assertThrows(IllegalArgumentException.class, () -> controller(fake, FakeOpenWhisk.CONTROLLER_PASS, "0-1"));
  }
}
