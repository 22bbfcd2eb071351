package dev.aquatope.gp.acquisition;

import dev.aquatope.gp.model.GaussianProcess;
import dev.aquatope.gp.model.GpOptions;
import dev.aquatope.gp.sampling.SobolEngine;

/** Runs the {@link AcquisitionFunctionContract} on qNEI and qLogNEI. */
class ConstrainedQNoisyExpectedImprovementContractTest extends AcquisitionFunctionContract {

  @Override
  protected AcquisitionFunction create(int dimension, long seed) {
    double[][] x = new SobolEngine(dimension, true, 21).draw(10);
    double[] cost = new double[x.length];
    double[] latency = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      cost[i] = x[i][0] + 0.5 * x[i][1];
      latency[i] = 1 - x[i][0];
    }
    GpOptions o = GpOptions.defaults().withRestarts(1);
    return ConstrainedQNoisyExpectedImprovement.newBuilder()
        .costModel(GaussianProcess.fit(x, cost, null, o))
        .latencyModel(GaussianProcess.fit(x, latency, null, o)).latencyBound(0.6)
        .baseline(x).mcSamples(32).seed(seed).log(seed % 2 == 0).build();
  }
}
