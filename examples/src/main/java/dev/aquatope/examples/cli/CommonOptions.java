package dev.aquatope.examples.cli;

import picocli.CommandLine.Option;

/**
 * Options every subcommand shares: {@code --seed} and {@code --json}. Mixed into each command
 * with {@code @Mixin CommonOptions common;}.
 */
public final class CommonOptions {
  /** Seed of every random choice; the same seed reproduces the same run. */
  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  public long seed;

  /** Print a machine-readable JSON result on stdout instead of a table. */
  @Option(names = "--json", description = "Print a machine-readable JSON result on stdout.")
  public boolean json;

  /** Whether to show progress bars on stderr. */
  @Option(names = "--no-progress", negatable = false, description = "Do not draw progress bars on stderr.")
  public boolean noProgress;
}
