package dev.aquatope.core.spi;

import dev.aquatope.core.model.OptimizationProblem;
import dev.aquatope.core.util.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Finds SPI implementations on the class path with {@link ServiceLoader}, by name.
 *
 * <pre>{@code
 * InvocationForecaster f = Providers.forecaster("hybrid-bnn", 42L);
 * ConstrainedBatchOptimizer o = Providers.optimizerProvider("gp-qnei").create(problem, 42L);
 * }</pre>
 */
public final class Providers {
  private Providers() {}

  /** The provider of the forecaster named {@code name}. */
  public static InvocationForecaster.Provider forecasterProvider(String name) {
    return find(InvocationForecaster.Provider.class, name, InvocationForecaster.Provider::name);
  }

  /** A new, unfitted forecaster named {@code name}. */
  public static InvocationForecaster forecaster(String name, long seed) {
    return forecasterProvider(name).create(seed);
  }

  /** The provider of the optimizer named {@code name}. */
  public static ConstrainedBatchOptimizer.Provider optimizerProvider(String name) {
    return find(ConstrainedBatchOptimizer.Provider.class, name, ConstrainedBatchOptimizer.Provider::name);
  }

  /**
   * The provider of the optimizer named {@code name}, bound to string settings: its
   * {@code create(problem, seed)} calls
   * {@link ConstrainedBatchOptimizer.Provider#create(OptimizationProblem, long, Map)} with
   * {@code options} (restoring is unchanged: a saved state carries its own settings). Unknown
   * keys are reported when the first optimizer is created.
   *
   * @param name the optimizer's name
   * @param options settings by key (copied)
   * @return the bound provider
   * @throws IllegalArgumentException if no such provider is on the class path or options is null
   */
  public static ConstrainedBatchOptimizer.Provider optimizerProvider(String name, Map<String, String> options) {
    ConstrainedBatchOptimizer.Provider base = optimizerProvider(name);
    Map<String, String> copy = Map.copyOf(Checks.notNull("options", options));
    return new ConstrainedBatchOptimizer.Provider() {
      @Override
      public String name() {
        return base.name();
      }

      @Override
      public ConstrainedBatchOptimizer create(OptimizationProblem problem, long seed) {
        return base.create(problem, seed, copy);
      }

      @Override
      public ConstrainedBatchOptimizer restore(OptimizationProblem problem, InputStream in) throws IOException {
        return base.restore(problem, in);
      }
    };
  }

  /** A new optimizer named {@code name} for {@code problem}. */
  public static ConstrainedBatchOptimizer optimizer(String name, OptimizationProblem problem, long seed) {
    return optimizerProvider(name).create(problem, seed);
  }

  /** A platform named {@code name} created from {@code properties}. */
  public static FaasPlatform platform(String name, Map<String, String> properties) {
    return find(FaasPlatform.Provider.class, name, FaasPlatform.Provider::name).create(properties);
  }

  /** The names of every registered forecaster. */
  public static List<String> forecasterNames() {
    return names(InvocationForecaster.Provider.class, InvocationForecaster.Provider::name);
  }

  /** The names of every registered optimizer. */
  public static List<String> optimizerNames() {
    return names(ConstrainedBatchOptimizer.Provider.class, ConstrainedBatchOptimizer.Provider::name);
  }

  /** The names of every registered platform. */
  public static List<String> platformNames() {
    return names(FaasPlatform.Provider.class, FaasPlatform.Provider::name);
  }

  private static <P> P find(Class<P> type, String name, Function<P, String> nameOf) {
    for (P p : ServiceLoader.load(type)) {
      if (nameOf.apply(p).equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no " + type.getEnclosingClass().getSimpleName() + " named '" + name
        + "' on the class path; available: " + names(type, nameOf));
  }

  private static <P> List<String> names(Class<P> type, Function<P, String> nameOf) {
    return ServiceLoader.load(type).stream().map(ServiceLoader.Provider::get).map(nameOf).sorted().toList();
  }
}
