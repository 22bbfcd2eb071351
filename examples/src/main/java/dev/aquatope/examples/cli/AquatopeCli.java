package dev.aquatope.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root of the {@code aquatope} command line: a thin router that only prints usage. Each
 * subcommand lives in its own class and returns one of the {@code EXIT_*} codes.
 *
 * <pre>{@code
 * java -jar examples/target/aquatope.jar simulate --help
 * }</pre>
 */
@Command(name = "aquatope", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Aquatope for the JVM: forecasting pre-warmed pools and constrained Bayesian "
        + "optimization of serverless workflows.",
    subcommands = {
        SimulateCommand.class,
        ForecastBenchCommand.class,
        TrainForecasterCommand.class,
        OptimizeBenchCommand.class,
        PoolBenchCommand.class,
        ManagerBenchCommand.class,
        ManageCommand.class,
        QuickstartCommand.class,
        CommandLine.HelpCommand.class
    })
public final class AquatopeCli implements Runnable {
  /** Success. */
  public static final int EXIT_OK = 0;
  /** A benchmark ran but missed a target it checks. */
  public static final int EXIT_TARGET_MISSED = 1;
  /** Bad command-line input. */
  public static final int EXIT_USAGE = 2;
  /** An input file could not be read or was malformed. */
  public static final int EXIT_INPUT = 3;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the command line with the exception mapping used by {@link #main}. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new AquatopeCli());
    cl.setExitCodeExceptionMapper(e -> e instanceof IllegalArgumentException ? EXIT_USAGE
        : e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException ? EXIT_INPUT : EXIT_USAGE);
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println(cmd.getColorScheme().errorText("error: " + e.getMessage()));
      return cmd.getExitCodeExceptionMapper().getExitCode(e);
    });
    return cl;
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
