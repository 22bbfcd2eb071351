package dev.aquatope.openwhisk.platform;

import dev.aquatope.core.util.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one workflow invocation measured.
 *
 * @param activationId the top-level activation's id
 * @param endToEndSeconds server-side latency {@code (end - start + waitTime)} of the top-level record
 * @param stageSeconds billed duration per stage name (summed if a stage ran several times)
 * @param coldOrPrewarmStages how many component activations ran {@code /init}
 * @param cost billed dollars
 * @param vcpuSeconds billed vCPU-seconds
 * @param gbSeconds billed GB-seconds
 * @param stages latency and cost per stage name of the stages that ran, in the workflow's stage
 *     order; components that are not stages of the workflow are not in it (so the stages' costs
 *     add up to {@code cost} when every component is a stage)
 */
public record InvocationMeasurement(String activationId, double endToEndSeconds, Map<String, Double> stageSeconds,
    int coldOrPrewarmStages, double cost, double vcpuSeconds, double gbSeconds, Map<String, StageMeasurement> stages) {
  /** Validates and copies. */
  public InvocationMeasurement {
    Checks.nonBlank("activationId", activationId);
    Checks.nonNegative("endToEndSeconds", endToEndSeconds);
    stageSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull("stageSeconds", stageSeconds)));
    Checks.nonNegative("coldOrPrewarmStages", coldOrPrewarmStages);
    Checks.nonNegative("cost", cost);
    Checks.nonNegative("vcpuSeconds", vcpuSeconds);
    Checks.nonNegative("gbSeconds", gbSeconds);
    Checks.notNull("stages", stages);
    for (Map.Entry<String, StageMeasurement> e : stages.entrySet()) {
      Checks.nonBlank("stage name", e.getKey());
      Checks.notNull("stages[" + e.getKey() + "]", e.getValue());
    }
    stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
  }
}
