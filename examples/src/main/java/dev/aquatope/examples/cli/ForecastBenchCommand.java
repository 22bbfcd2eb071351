package dev.aquatope.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Placeholder, replaced by the helper that implements {@code forecast-bench}. */
@Command(name = "forecast-bench", mixinStandardHelpOptions = true,
    description = "Rolling one-step-ahead forecasting benchmark over a trace.")
public final class ForecastBenchCommand implements Callable<Integer> {
  @Mixin
  CommonOptions common;

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("forecast-bench is not implemented yet");
  }
}
