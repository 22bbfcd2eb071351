package dev.aquatope.core.manage;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.model.ObservationFlag;
import dev.aquatope.core.model.StageObservation;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

class JournalCodecProperties {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final JournalCodec codec = new JournalCodec(MAPPER);

  @Property
  boolean observation_roundTripsThroughJsonText(@ForAll @DoubleRange(min = 0, max = 1e6) double cost,
      @ForAll @DoubleRange(min = 0, max = 1e3) double latency, @ForAll @DoubleRange(min = -1e3, max = 1e3) double knob,
      @ForAll boolean withVariance, @ForAll boolean flagged, @ForAll @LongRange(min = 0, max = 4_000_000_000L) long sec,
      @ForAll @LongRange(min = 0, max = 999_999_999) long nanos, @ForAll boolean withStages,
      @ForAll @DoubleRange(min = 0, max = 1) double share) throws Exception {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("s.x", knob);
    values.put("s.y", knob / 3);
    Observation o = new Observation(new Configuration(values), cost, latency,
        withVariance ? OptionalDouble.of(cost / 7) : OptionalDouble.empty(), OptionalDouble.of(latency * latency),
        Instant.ofEpochSecond(sec, nanos), flagged ? EnumSet.of(ObservationFlag.STALE, ObservationFlag.FAILED)
            : EnumSet.noneOf(ObservationFlag.class), flagged ? "why" : "");
    if (withStages) {
      Map<String, StageObservation> stages = new LinkedHashMap<>();
      stages.put("s", new StageObservation(latency * share, cost * share));
      stages.put("r", new StageObservation(latency * (1 - share) / 3, cost - cost * share, Math.max(share, 0.01)));
      o = o.withStages(stages);
    }
    String text = MAPPER.writeValueAsString(codec.observation(o));
    return codec.observation(MAPPER.readTree(text)).equals(o);
  }
}
