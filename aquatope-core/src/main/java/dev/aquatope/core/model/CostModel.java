package dev.aquatope.core.model;

/**
 * Prices the resources one function execution was billed for. Pluggable so that hosts can use
 * their own price list; {@link #azureLike()} is the default.
 */
public interface CostModel {
  /**
   * The cost, in dollars, of running one execution.
   *
   * @param vcpu allocated vCPU
   * @param memoryMb allocated memory in MB
   * @param seconds billed duration in seconds
   * @return the cost, {@code >= 0}
   */
  double cost(double vcpu, double memoryMb, double seconds);

  /** Billed vCPU-seconds at 0.173 $/vCPU-hour and GB-seconds at 0.0123 $/GB-hour. */
  static CostModel azureLike() {
    return LinearCostModel.AZURE_LIKE;
  }
}
