package dev.aquatope.openwhisk.prewarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aquatope.openwhisk.api.Fixtures;
import dev.aquatope.openwhisk.fake.FakeOpenWhisk;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadOnlyPrewarmControllerTest extends PrewarmControllerContract {
  @Override
  protected PrewarmController create(FakeOpenWhisk fake) {
    return new ReadOnlyPrewarmController(null);
  }

  @Override
  protected boolean appliesTargets() {
    return false;
  }

  @Test
  void currentPools_withManifest_reportsConfiguredStemCells() {
    ReadOnlyPrewarmController c = new ReadOnlyPrewarmController(
        RuntimeManifest.parse(Fixtures.text("pr4790-config-runtime-body.json"), Fixtures.MAPPER));
    assertEquals(List.of(new PrewarmPool("nodejs:10", 128, 2)), c.currentPools());
  }
}
