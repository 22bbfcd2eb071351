package dev.aquatope.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Placeholder replaced by the simulator work (issue: foundation). */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Replay a trace through the simulated platform with a fixed keep-alive pool.")
public final class SimulateCommand implements Callable<Integer> {
  @Mixin
  CommonOptions common;

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("simulate is not implemented yet");
  }
}
