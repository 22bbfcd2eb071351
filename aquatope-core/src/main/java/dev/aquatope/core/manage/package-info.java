/**
 * The resource-manager control loop: {@link dev.aquatope.core.manage.ResourceManager} registers
 * workflows ({@link dev.aquatope.core.manage.ManagedWorkflow}), drives a
 * {@link dev.aquatope.core.spi.ConstrainedBatchOptimizer} against
 * {@link dev.aquatope.core.spi.FaasPlatform#profile} batch by batch within a
 * {@link dev.aquatope.core.manage.Budget}, applies the best feasible configuration, watches
 * production for drift and re-optimizes. Every observation is first appended to a crash-safe
 * {@link dev.aquatope.core.manage.Journal}, so a restarted manager resumes without paying for an
 * evaluation twice.
 */
package dev.aquatope.core.manage;
