/**
 * Prewarm (stem cell) control as a small SPI, {@link dev.aquatope.openwhisk.prewarm.PrewarmController},
 * with implementations for PR #4790's runtime admin API, the AQUATOPE prototype's per-function
 * blackbox manifest, and a read-only one for stock OpenWhisk, which reads stem cells once at
 * invoker start-up.
 */
package dev.aquatope.openwhisk.prewarm;
