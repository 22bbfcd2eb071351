package dev.aquatope.gp.model;

import dev.aquatope.core.util.Checks;
import java.util.Arrays;

/**
 * Fitted hyperparameters in constrained space, in the model's standardized output units; JSON
 * friendly (only doubles and double arrays).
 *
 * @param lengthscales one positive lengthscale per input dimension (unit-cube inputs)
 * @param outputscale signal variance ({@code 1} for {@link PriorSet#LOGNORMAL_DIM_SCALED}); with
 *     an additive kernel, the prior variance, i.e. the sum of {@code componentOutputscales}
 * @param noise learned homoscedastic noise variance, or {@code 0} when per-point noise is fixed
 * @param meanConstant the constant prior mean
 * @param componentOutputscales the signal variance of each component of an additive kernel
 *     ({@link dev.aquatope.gp.kernel.KernelStructure}), empty for a single ARD kernel; null
 *     (as in states saved before additive kernels existed) means empty
 */
public record GpHyperparameters(double[] lengthscales, double outputscale, double noise,
    double meanConstant, double[] componentOutputscales) {

  /** Validates every field and copies the arrays. */
  public GpHyperparameters {
    Checks.notNull("lengthscales", lengthscales);
    if (lengthscales.length == 0) {
      throw new IllegalArgumentException("lengthscales must not be empty");
    }
    lengthscales = lengthscales.clone();
    for (int i = 0; i < lengthscales.length; i++) {
      Checks.positive("lengthscales[" + i + "]", lengthscales[i]);
    }
    Checks.positive("outputscale", outputscale);
    Checks.nonNegative("noise", noise);
    Checks.finite("meanConstant", meanConstant);
    componentOutputscales = componentOutputscales == null ? new double[0] : componentOutputscales.clone();
    for (int i = 0; i < componentOutputscales.length; i++) {
      Checks.positive("componentOutputscales[" + i + "]", componentOutputscales[i]);
    }
  }

  /**
   * Hyperparameters of a single ARD kernel (no components).
   *
   * @param lengthscales one positive lengthscale per input dimension
   * @param outputscale signal variance
   * @param noise learned noise variance, or 0 for fixed noise
   * @param meanConstant the constant prior mean
   */
  public GpHyperparameters(double[] lengthscales, double outputscale, double noise, double meanConstant) {
    this(lengthscales, outputscale, noise, meanConstant, new double[0]);
  }

  /**
   * The lengthscales (a copy).
   *
   * @return the lengthscales
   */
  @Override
  public double[] lengthscales() {
    return lengthscales.clone();
  }

  /**
   * The component outputscales of an additive kernel (a copy; empty for a single ARD kernel).
   *
   * @return the component outputscales
   */
  @Override
  public double[] componentOutputscales() {
    return componentOutputscales.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GpHyperparameters h && Arrays.equals(lengthscales, h.lengthscales)
        && Double.compare(outputscale, h.outputscale) == 0 && Double.compare(noise, h.noise) == 0
        && Double.compare(meanConstant, h.meanConstant) == 0
        && Arrays.equals(componentOutputscales, h.componentOutputscales);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(lengthscales) + Double.hashCode(outputscale) * 17
        + Double.hashCode(noise) * 7 + Double.hashCode(meanConstant)
        + 13 * Arrays.hashCode(componentOutputscales);
  }

  @Override
  public String toString() {
    return "GpHyperparameters[lengthscales=" + Arrays.toString(lengthscales) + ", outputscale="
        + outputscale + ", noise=" + noise + ", meanConstant=" + meanConstant
        + (componentOutputscales.length == 0 ? "" : ", componentOutputscales="
            + Arrays.toString(componentOutputscales)) + "]";
  }
}
