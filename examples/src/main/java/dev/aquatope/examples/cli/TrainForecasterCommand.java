package dev.aquatope.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Placeholder, replaced by the helper that implements {@code train-forecaster}. */
@Command(name = "train-forecaster", mixinStandardHelpOptions = true,
    description = "Train a forecaster on a trace and save it.")
public final class TrainForecasterCommand implements Callable<Integer> {
  @Mixin
  CommonOptions common;

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("train-forecaster is not implemented yet");
  }
}
