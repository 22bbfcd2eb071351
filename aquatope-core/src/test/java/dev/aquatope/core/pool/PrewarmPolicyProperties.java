package dev.aquatope.core.pool;

import dev.aquatope.core.model.Forecast;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

class PrewarmPolicyProperties {

  @Property
  boolean quantileTarget_coversTheQuantileAndIsMonotoneInQ(@ForAll @DoubleRange(min = 0, max = 1e4) double mean,
      @ForAll @DoubleRange(min = 0, max = 1e3) double std, @ForAll @DoubleRange(min = 0.01, max = 0.98) double q) {
    Forecast f = Forecast.normal(mean, std);
    int t = new QuantilePolicy(q).target(f).getAsInt();
    int higher = new QuantilePolicy(q + 0.01).target(f).getAsInt();
    return t >= f.quantile(q) - 1e-9 && t < f.quantile(q) + 1 && higher >= t;
  }
}
