/**
 * The service-provider interfaces that separate the control loops from their implementations:
 * {@link dev.aquatope.core.spi.InvocationForecaster}, {@link dev.aquatope.core.spi.ConstrainedBatchOptimizer}
 * and {@link dev.aquatope.core.spi.FaasPlatform}, each with a {@code Provider} found by
 * {@link dev.aquatope.core.spi.Providers} through {@link java.util.ServiceLoader}; and the optional
 * {@link dev.aquatope.core.spi.CascadePrewarming} capability of a platform.
 */
package dev.aquatope.core.spi;
