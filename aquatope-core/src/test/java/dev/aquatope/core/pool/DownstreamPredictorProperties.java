package dev.aquatope.core.pool;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.Workflow;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

class DownstreamPredictorProperties {

  @Property
  boolean learn_exactlyProportionalCounts_recoverTheRatio(
      @ForAll @Size(min = 1, max = 50) List<@DoubleRange(min = 0, max = 1e150) Double> counts,
      @ForAll @DoubleRange(min = 0, max = 16) double ratio) {
    double[] upstream = counts.stream().mapToDouble(Double::doubleValue).toArray();
    double[] down = new double[upstream.length];
    double sum = 0;
    for (int i = 0; i < down.length; i++) {
      down[i] = ratio * upstream[i];
      sum += upstream[i];
    }
    DownstreamPredictor p = DownstreamPredictor.learn(Workflow.chain("w", "u", "d"),
        Map.of(FunctionId.of("u"), upstream, FunctionId.of("d"), down));
    return sum == 0 ? p.ratio("u", "d") == 1.0 && !p.isLearned("u", "d")
        : Math.abs(p.ratio("u", "d") - ratio) <= 1e-9 * Math.max(1, ratio);
  }
}
