package dev.aquatope.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Placeholder, replaced by the helper that implements {@code optimize-bench}. */
@Command(name = "optimize-bench", mixinStandardHelpOptions = true,
    description = "Compare resource optimizers against the exhaustive oracle on benchmark workflows.")
public final class OptimizeBenchCommand implements Callable<Integer> {
  @Mixin
  CommonOptions common;

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("optimize-bench is not implemented yet");
  }
}
