package dev.aquatope.gp.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.ObservationFlag;
import dev.aquatope.core.model.StageObservation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ObservationStateTest {
  @Test
  void roundTrip_throughJson_isExact() throws Exception {
    Observation o = new Observation(new Configuration(Map.of("a.cpu", 0.30000000000000004, "a.memory", 256.0)),
        1.0 / 3, Math.PI, OptionalDouble.of(1e-17), OptionalDouble.empty(), Instant.parse("2026-01-02T03:04:05.123Z"),
        EnumSet.of(ObservationFlag.OUTLIER, ObservationFlag.FAILED), "outlier: z=5");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StateCodec.write(ObservationState.of(o), out);
    Observation back = StateCodec.read(new ByteArrayInputStream(out.toByteArray()), ObservationState.class)
        .toObservation();
    assertEquals(o, back);
    assertEquals(Math.PI, new ObjectMapper().readTree(out.toByteArray()).get("latency").asDouble(), 0.0);
  }

  @Test
  void roundTrip_withStages_isExactAndKeepsStageOrder() throws Exception {
    Map<String, StageObservation> stages = new LinkedHashMap<>();
    stages.put("z", new StageObservation(0.1 + 0.2, 1.0 / 7));
    stages.put("a", new StageObservation(Math.E, 0, 1.0 / 3));
    Observation o = new Observation(new Configuration(Map.of("a.cpu", 1.0, "z.cpu", 2.0)), 1.0 / 7, Math.PI,
        OptionalDouble.empty(), OptionalDouble.of(1e-3), Instant.parse("2026-01-02T03:04:05.123456789Z"),
        EnumSet.noneOf(ObservationFlag.class), "", stages);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StateCodec.write(ObservationState.of(o), out);
    Observation back = StateCodec.read(new ByteArrayInputStream(out.toByteArray()), ObservationState.class)
        .toObservation();
    assertEquals(o, back);
    assertEquals(List.of("z", "a"), List.copyOf(back.stages().keySet()));
    assertEquals(0.30000000000000004,
        new ObjectMapper().readTree(out.toByteArray()).get("stages").get("z").get("latency").asDouble(), 0.0);
  }

  @Test
  void write_withoutStages_omitsTheField() throws Exception {
    Observation o = Observation.of(new Configuration(Map.of("a.cpu", 1.0)), 2, 3, Instant.EPOCH);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StateCodec.write(ObservationState.of(o), out);
    assertFalse(new ObjectMapper().readTree(out.toByteArray()).has("stages"), out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void read_stateSavedBeforeStages_restoresWithoutStages() throws Exception {
    String old = "{\"configuration\":{\"a.cpu\":0.5},\"cost\":2.5E-7,\"latency\":1.25,\"costVariance\":null,"
        + "\"latencyVariance\":1.0E-4,\"timestamp\":\"2026-01-02T03:04:05Z\",\"flags\":[\"OUTLIER\"],\"note\":\"z\"}";
    Observation back = StateCodec.read(new ByteArrayInputStream(old.getBytes(StandardCharsets.UTF_8)),
        ObservationState.class).toObservation();
    assertEquals(new Observation(new Configuration(Map.of("a.cpu", 0.5)), 2.5e-7, 1.25, OptionalDouble.empty(),
        OptionalDouble.of(1e-4), Instant.parse("2026-01-02T03:04:05Z"), EnumSet.of(ObservationFlag.OUTLIER), "z"),
        back);
    assertTrue(back.stages().isEmpty());
  }

  @Test
  void read_stageWithoutCost_isAnIoError() {
    String bad = "{\"configuration\":{\"a.cpu\":0.5},\"cost\":1,\"latency\":1,\"timestamp\":\"2026-01-02T03:04:05Z\","
        + "\"flags\":[],\"note\":\"\",\"stages\":{\"a\":{\"latency\":1}}}";
    IOException e = assertThrows(IOException.class, () -> StateCodec.read(
        new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), ObservationState.class));
    assertTrue(e.getMessage().contains("cost"), e.getMessage());
  }
}
