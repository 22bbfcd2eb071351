package dev.aquatope.gp.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.ObservationFlag;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.EnumSet;
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
}
