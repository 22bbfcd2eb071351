/**
 * {@link dev.aquatope.openwhisk.platform.OpenWhiskPlatform}, the
 * {@link dev.aquatope.core.spi.FaasPlatform} for Apache OpenWhisk (ServiceLoader name
 * {@code "openwhisk"}): applying per-stage limits, per-minute history from the activations list,
 * and profiling workflows (sequences or conductors) through blocking invocations.
 */
package dev.aquatope.openwhisk.platform;
