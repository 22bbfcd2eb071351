/**
 * End-to-end experiments on the simulated platform, shared by the CLI commands and the tests: the
 * container-pool replay ({@link dev.aquatope.examples.e2e.PoolExperiment}) and the resource
 * manager against the exhaustive oracle ({@link dev.aquatope.examples.e2e.ManagerExperiment}).
 */
package dev.aquatope.examples.e2e;
