/** Hand-run benchmarks of the GP numerics (not part of the default test run). */
package dev.aquatope.gp.bench;
