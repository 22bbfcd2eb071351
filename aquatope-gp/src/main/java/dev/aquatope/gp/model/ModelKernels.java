package dev.aquatope.gp.model;

import dev.aquatope.gp.kernel.AdditiveKernel;
import dev.aquatope.gp.kernel.ArdKernel;
import dev.aquatope.gp.kernel.Kernel;

/** Builds the kernel that {@link GpOptions} and {@link GpHyperparameters} describe. */
final class ModelKernels {
  private ModelKernels() {}

  /**
   * The kernel: one ARD kernel, or an additive one when the options carry a structure.
   *
   * @throws IllegalArgumentException if the hyperparameters do not fit the structure
   */
  static Kernel of(GpOptions options, GpHyperparameters h) {
    if (options.structure() == null) {
      if (h.componentOutputscales().length != 0) {
        throw new IllegalArgumentException("hyperparameters have " + h.componentOutputscales().length
            + " component outputscales but the kernel is not additive");
      }
      return new ArdKernel(options.kernel(), h.lengthscales(), h.outputscale());
    }
    return new AdditiveKernel(options.kernel(), options.structure(), h.lengthscales(), h.componentOutputscales());
  }
}
