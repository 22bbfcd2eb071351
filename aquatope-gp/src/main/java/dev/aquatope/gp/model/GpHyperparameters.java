package dev.aquatope.gp.model;

import dev.aquatope.core.util.Checks;
import java.util.Arrays;

/**
 * Fitted hyperparameters in constrained space, in the model's standardized output units; JSON
 * friendly (only doubles and a double array).
 *
 * @param lengthscales one positive lengthscale per input dimension (unit-cube inputs)
 * @param outputscale signal variance ({@code 1} for {@link PriorSet#LOGNORMAL_DIM_SCALED})
 * @param noise learned homoscedastic noise variance, or {@code 0} when per-point noise is fixed
 * @param meanConstant the constant prior mean
 */
public record GpHyperparameters(double[] lengthscales, double outputscale, double noise,
    double meanConstant) {

  /** Validates every field and copies the array. */
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

  @Override
  public boolean equals(Object o) {
    return o instanceof GpHyperparameters h && Arrays.equals(lengthscales, h.lengthscales)
        && Double.compare(outputscale, h.outputscale) == 0 && Double.compare(noise, h.noise) == 0
        && Double.compare(meanConstant, h.meanConstant) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(lengthscales) + Double.hashCode(outputscale) * 17
        + Double.hashCode(noise) * 7 + Double.hashCode(meanConstant);
  }

  @Override
  public String toString() {
    return "GpHyperparameters[lengthscales=" + Arrays.toString(lengthscales) + ", outputscale="
        + outputscale + ", noise=" + noise + ", meanConstant=" + meanConstant + "]";
  }
}
