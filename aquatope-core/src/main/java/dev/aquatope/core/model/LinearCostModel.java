package dev.aquatope.core.model;

import dev.aquatope.core.util.Checks;

/**
 * A cost model linear in vCPU-seconds and GB-seconds (1 GB = 1024 MB).
 *
 * @param dollarsPerVcpuHour price of one vCPU for one hour
 * @param dollarsPerGbHour price of one GB of memory for one hour
 */
public record LinearCostModel(double dollarsPerVcpuHour, double dollarsPerGbHour) implements CostModel {
  /** The default prices: 0.173 $/vCPU-h, 0.0123 $/GB-h. */
  public static final LinearCostModel AZURE_LIKE = new LinearCostModel(0.173, 0.0123);

  /** Validates the prices. */
  public LinearCostModel {
    Checks.nonNegative("dollarsPerVcpuHour", dollarsPerVcpuHour);
    Checks.nonNegative("dollarsPerGbHour", dollarsPerGbHour);
  }

  @Override
  public double cost(double vcpu, double memoryMb, double seconds) {
    Checks.nonNegative("vcpu", vcpu);
    Checks.nonNegative("memoryMb", memoryMb);
    Checks.nonNegative("seconds", seconds);
    return (vcpu * dollarsPerVcpuHour + memoryMb / 1024.0 * dollarsPerGbHour) * seconds / 3600.0;
  }
}
