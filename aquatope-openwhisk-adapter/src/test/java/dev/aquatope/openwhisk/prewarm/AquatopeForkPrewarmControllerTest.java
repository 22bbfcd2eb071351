package dev.aquatope.openwhisk.prewarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.openwhisk.api.Fixtures;
import dev.aquatope.openwhisk.fake.FakeOpenWhisk;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AquatopeForkPrewarmControllerTest extends PrewarmControllerContract {
  @Override
  protected PrewarmController create(FakeOpenWhisk fake) {
    AdminEndpoint ep = new AdminEndpoint(URI.create(fake.apiHost() + "/fork/runtime"), FakeOpenWhisk.CONTROLLER_USER,
        FakeOpenWhisk.CONTROLLER_PASS);
    return new AquatopeForkPrewarmController(ep, ep, FunctionId::value, HttpClient.newHttpClient(),
        Duration.ofSeconds(5), Fixtures.MAPPER);
  }

  @Override
  protected boolean appliesTargets() {
    return true;
  }

  @Test
  void setPrewarmTargets_perFunctionBlackboxCounts() {
    PrewarmController c = create(fake);
    c.setPrewarmTargets(Map.of(FunctionId.of("a"), 3));
    c.setPrewarmTargets(Map.of(FunctionId.of("b"), 2));
    assertEquals(3, fake.readyStemCells().get("blackbox:a"));
    assertEquals(2, fake.readyStemCells().get("blackbox:b"));
    assertEquals(new PrewarmPool("a", 0, 3), c.currentPools().stream().filter(p -> p.kind().equals("a")).findFirst()
        .orElseThrow());
  }
}
