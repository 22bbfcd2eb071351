package dev.aquatope.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aquatope.core.forecast.eval.EvaluationResult;
import dev.aquatope.core.forecast.eval.RollingEvaluation;
import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.spi.InvocationForecaster;
import dev.aquatope.core.spi.Providers;
import dev.aquatope.core.trace.TraceFiles;
import dev.aquatope.fixtures.traces.BundledTraces;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code forecast-bench}: rolling one-step-ahead forecasting benchmark over a trace.
 *
 * <p>For every selected function and forecaster, fits the forecaster on the training days (or
 * loads it with {@code --model}), forecasts each minute of the test days from the true history up
 * to it (no retraining), and prints SMAPE, MAE, the coverage of the central 90% interval ("-" for
 * point forecasters), the training time and the median/p99 single-forecast latency. "rSMAPE" is
 * the SMAPE of the forecast means rounded to whole invocations. The last line
 * names the forecaster with the lowest SMAPE averaged over functions.
 *
 * <p>Default split per function: 14 days or more train on days 1-7 and test on days 8-14 (the
 * canonical two-week benchmark); shorter series train on all days but the last and test on the
 * last. The default trace is the bundled Azure Functions 2019 extract (6 functions, from
 * {@link BundledTraces#azure2019()}).
 *
 * <p>Child JVMs ({@code --fork}): libnd4j 1.0.0-M2.1 leaks native memory in the backward pass of
 * its fused {@code lstmLayer} op (about 2.5 GB per default {@code hybrid-bnn} or {@code lstm}
 * training, never returned; see the aquatope-nn README, "Native memory"), so one JVM training a
 * DL4J forecaster on several functions runs out of native memory. By default ({@code
 * --fork=auto}), when a selected forecaster is provided by {@code dev.aquatope.nn} and more than one
 * function is selected, each function is evaluated by {@code forecast-bench --json} in a child JVM
 * started with the same java executable, class path, JVM options ({@code -Xmx}, {@code -D}, ...)
 * and option values; the parent parses the children's JSON and prints the same table or JSON as an
 * in-process run. {@code --fork=always} forks for any forecaster, {@code --fork=never} (or {@code
 * --no-fork}) evaluates everything in this JVM.
 *
 * <pre>{@code
 * java -jar examples/target/aquatope.jar forecast-bench --forecasters keep-alive,histogram,fft,arima
 * }</pre>
 */
@Command(name = "forecast-bench", mixinStandardHelpOptions = true,
    description = "Rolling one-step-ahead forecasting benchmark over a trace.")
public final class ForecastBenchCommand implements Callable<Integer> {
  /** Windows per day in per-minute traces. */
  static final int DAY = 1440;

  @Mixin
  CommonOptions common;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--trace", paramLabel = "FILE",
      description = "Trace file or folder (compact HashFunction,Day,1..1440; Azure 2019 day file(s); "
          + "Azure 2021 invocations; gzip allowed). Default: the bundled Azure 2019 extract.")
  Path trace;

  @Option(names = "--train-days", paramLabel = "N", description = "Training days per function (default: 7 if "
      + "the function has 14 days or more, else all but the last).")
  Integer trainDays;

  @Option(names = "--test-days", paramLabel = "N", description = "Test days per function (default: 7 if the "
      + "function has 14 days or more, else the last day).")
  Integer testDays;

  @Option(names = "--functions", split = ",", paramLabel = "HASH",
      description = "Functions to benchmark, by full hash or unique prefix (default: all).")
  List<String> functions;

  @Option(names = "--forecasters", split = ",", paramLabel = "NAME",
      description = "Forecasters to compare (default: every registered one).")
  List<String> forecasters;

  @Option(names = "--model", paramLabel = "NAME=FILE",
      description = "Use the forecaster saved in FILE for NAME instead of training one (repeatable).")
  Map<String, Path> models = new LinkedHashMap<>();

  @Option(names = "--latency-samples", defaultValue = "200", paramLabel = "N",
      description = "Single forecast calls timed per function and forecaster (default: ${DEFAULT-VALUE}).")
  int latencySamples;

  @Option(names = "--fork", defaultValue = "auto", paramLabel = "auto|always|never",
      description = "Evaluate each function in a child JVM (same java, class path, -Xmx/-D options and "
          + "option values): 'auto' (default) does so when a DL4J forecaster (hybrid-bnn, lstm) runs on more "
          + "than one function, because libnd4j 1.0.0-M2.1 leaks native memory in every LSTM training "
          + "(~2.5 GB each) and one JVM runs out after a few; 'always' forks for any forecaster; 'never' "
          + "evaluates in this JVM.")
  String fork;

  @Option(names = "--no-fork", negatable = false,
      description = "Evaluate every function in this JVM (same as --fork=never; DL4J forecasters leak native "
          + "memory, so this may run out of it on several functions).")
  boolean noFork;

  @Override
  public Integer call() throws IOException {
    if (latencySamples < 0) {
      throw new IllegalArgumentException("--latency-samples must be >= 0, was " + latencySamples);
    }
    if (!List.of("auto", "always", "never").contains(fork)) {
      throw new IllegalArgumentException("--fork must be auto, always or never, was '" + fork + "'");
    }
    Map<FunctionId, InvocationSeries> all = readTrace();
    List<InvocationSeries> selected = selectFunctions(all);
    List<String> names = selectForecasters();
    List<Split> splits = selected.stream().map(this::splitOf).toList();
    boolean forked = forks(selected.size(), names);
    List<Row> rows = new ArrayList<>();
    try (Progress progress = Progress.start(!common.noProgress, "forecast-bench", (long) selected.size() * names.size())) {
      for (int i = 0; i < selected.size(); i++) {
        InvocationSeries s = selected.get(i);
        Split split = splits.get(i);
        if (forked) {
          progress.message(shortId(s.function()) + " (child JVM)");
          rows.addAll(evaluateInChild(s.function(), names));
          progress.stepBy(names.size());
          continue;
        }
        InvocationSeries used = s.slice(0, (split.trainDays + split.testDays) * DAY);
        for (String name : names) {
          progress.message(shortId(s.function()) + " " + name);
          rows.add(new Row(split, evaluate(name, used, split)));
          progress.stepBy(1);
        }
      }
    }
    Map<String, Double> meanSmape = meanSmape(names, rows);
    String best = meanSmape.entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElseThrow();
    PrintWriter out = spec.commandLine().getOut();
    if (common.json) {
      out.println(json(rows, meanSmape, best));
    } else {
      printTable(out, rows, meanSmape, best);
    }
    out.flush();
    return AquatopeCli.EXIT_OK;
  }

  private EvaluationResult evaluate(String name, InvocationSeries series, Split split) throws IOException {
    RollingEvaluation.Builder b = RollingEvaluation.newBuilder().trainWindows(split.trainDays * DAY)
        .latencySamples(latencySamples);
    InvocationForecaster forecaster;
    Path saved = models.get(name);
    if (saved != null) {
      try (InputStream in = Files.newInputStream(saved)) {
        forecaster = Providers.forecasterProvider(name).load(in);
      }
      b.fit(false);
    } else {
      forecaster = Providers.forecaster(name, common.seed);
    }
    return b.build().evaluate(forecaster, series);
  }

  /** Whether to evaluate each function in a child JVM (see the class Javadoc). */
  private boolean forks(int functionCount, List<String> names) {
    if (noFork || fork.equals("never")) {
      return false;
    }
    if (fork.equals("always")) {
      return true;
    }
    return functionCount > 1 && names.stream().anyMatch(
        n -> Providers.forecasterProvider(n).getClass().getPackageName().startsWith("dev.aquatope.nn"));
  }

  /**
   * Runs {@code forecast-bench --json} on one function in a child JVM with this run's option values,
   * and parses its results.
   */
  private List<Row> evaluateInChild(FunctionId function, List<String> names) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if ((arg.startsWith("-X") && !arg.startsWith("-Xrun")) || arg.startsWith("-D")) { // not a debugger agent
        cmd.add(arg);
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), AquatopeCli.class.getName(), "forecast-bench",
        "--functions", function.value(), "--forecasters", String.join(",", names), "--fork=never", "--json",
        "--no-progress", "--seed", Long.toString(common.seed), "--latency-samples", Integer.toString(latencySamples)));
    if (trace != null) {
      cmd.addAll(List.of("--trace", trace.toAbsolutePath().toString()));
    }
    if (trainDays != null) {
      cmd.addAll(List.of("--train-days", trainDays.toString()));
    }
    if (testDays != null) {
      cmd.addAll(List.of("--test-days", testDays.toString()));
    }
    models.forEach((n, p) -> cmd.addAll(List.of("--model", n + "=" + p.toAbsolutePath())));
    Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String json;
    int exit;
    try {
      child.getOutputStream().close();
      json = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      exit = child.waitFor();
    } catch (InterruptedException e) {
      child.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while evaluating function " + function + " in a child JVM", e);
    }
    if (exit != 0) {
      throw new IOException("the child JVM evaluating function " + function + " failed with exit code " + exit);
    }
    // native libraries may print to stdout before the JSON: it starts at the first line that is "{"
    int start = json.startsWith("{") ? 0 : json.indexOf("\n{") + 1;
    JsonNode results = json.startsWith("{", start) ? new ObjectMapper().readTree(json.substring(start)).get("results") : null;
    if (results == null) {
      throw new IOException("the child JVM evaluating function " + function + " printed no JSON results: " + json);
    }
    List<Row> out = new ArrayList<>();
    for (JsonNode r : results) {
      Split split = new Split(r.get("trainDays").asInt(), r.get("testDays").asInt());
      JsonNode cov = r.get("coverage90");
      out.add(new Row(split, new EvaluationResult(r.get("forecaster").asText(), new FunctionId(r.get("function").asText()),
          r.get("trainedHere").asBoolean() ? split.trainDays * DAY : 0, split.testDays * DAY,
          r.get("smape").doubleValue(), r.get("smapeRounded").doubleValue(), r.get("mae").doubleValue(),
          cov.isNull() ? OptionalDouble.empty() : OptionalDouble.of(cov.doubleValue()),
          r.get("trainMillis").doubleValue(), r.get("rollingMillisPerForecast").doubleValue(),
          r.get("medianLatencyMillis").doubleValue(), r.get("p99LatencyMillis").doubleValue())));
    }
    return out;
  }

  private Map<FunctionId, InvocationSeries> readTrace() throws IOException {
    if (trace != null) {
      if (!Files.exists(trace)) {
        throw new IOException("--trace " + trace + ": no such file or folder");
      }
      return TraceFiles.read(trace);
    }
    return BundledTraces.azure2019();
  }

  private List<InvocationSeries> selectFunctions(Map<FunctionId, InvocationSeries> all) {
    if (all.isEmpty()) {
      throw new IllegalArgumentException("the trace holds no function");
    }
    if (functions == null || functions.isEmpty()) {
      return List.copyOf(all.values());
    }
    Set<InvocationSeries> out = new LinkedHashSet<>();
    for (String wanted : functions) {
      List<InvocationSeries> matches = all.values().stream()
          .filter(s -> s.function().value().equals(wanted) || s.function().value().startsWith(wanted)).toList();
      InvocationSeries exact = all.get(new FunctionId(wanted));
      if (exact != null) {
        out.add(exact);
      } else if (matches.size() == 1) {
        out.add(matches.get(0));
      } else if (matches.isEmpty()) {
        throw new IllegalArgumentException("--functions: no function matches '" + wanted + "'");
      } else {
        throw new IllegalArgumentException("--functions: '" + wanted + "' matches " + matches.size()
            + " functions; give more of the hash");
      }
    }
    return List.copyOf(out);
  }

  private List<String> selectForecasters() {
    List<String> registered = Providers.forecasterNames();
    List<String> names = new ArrayList<>(forecasters == null || forecasters.isEmpty() ? registered : forecasters);
    for (String n : models.keySet()) {
      if (!names.contains(n)) {
        names.add(n);
      }
    }
    for (String n : names) {
      if (!registered.contains(n)) {
        throw new IllegalArgumentException("no forecaster named '" + n + "'; available: " + registered);
      }
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("no forecaster to benchmark");
    }
    return List.copyOf(new LinkedHashSet<>(names));
  }

  /** The train/test split of one function, in days. */
  record Split(int trainDays, int testDays) {}

  Split splitOf(InvocationSeries s) {
    int days = s.size() / DAY;
    int train;
    int test;
    if (trainDays == null && testDays == null) {
      if (days >= 14) {
        train = 7;
        test = 7;
      } else {
        train = days - 1;
        test = 1;
      }
    } else if (trainDays != null && testDays != null) {
      train = trainDays;
      test = testDays;
    } else if (trainDays != null) {
      train = trainDays;
      test = days - trainDays;
    } else {
      test = testDays;
      train = days - testDays;
    }
    if (train < 1 || test < 1 || train + test > days) {
      throw new IllegalArgumentException("function " + s.function() + " has " + days + " whole days ("
          + s.size() + " windows): cannot train on " + train + " and test on " + test + " day(s)");
    }
    return new Split(train, test);
  }

  private static Map<String, Double> meanSmape(List<String> names, List<Row> rows) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String n : names) {
      out.put(n, rows.stream().filter(r -> r.result.forecaster().equals(n))
          .mapToDouble(r -> r.result.smape()).average().orElseThrow());
    }
    return out;
  }

  private static String shortId(FunctionId id) {
    String v = id.value();
    return v.length() <= 12 ? v : v.substring(0, 8) + "...";
  }

  private void printTable(PrintWriter out, List<Row> rows, Map<String, Double> meanSmape, String best) {
    String header = String.format(Locale.ROOT, "%-12s %-12s %5s %5s %8s %8s %8s %6s %9s %9s %9s",
        "function", "forecaster", "train", "test", "SMAPE%", "rSMAPE%", "MAE", "cov90", "train_s", "med_ms", "p99_ms");
    out.println(header);
    out.println("-".repeat(header.length()));
    for (Row r : rows) {
      EvaluationResult e = r.result;
      out.println(String.format(Locale.ROOT, "%-12s %-12s %4dd %4dd %8.2f %8.2f %8.3f %6s %9.3f %9.3f %9.3f",
          shortId(e.function()), e.forecaster(), r.split.trainDays, r.split.testDays, 100 * e.smape(),
          100 * e.smapeRounded(), e.mae(),
          e.coverage90().isPresent() ? String.format(Locale.ROOT, "%.3f", e.coverage90().getAsDouble()) : "-",
          e.trainMillis() / 1000, e.medianLatencyMillis(), e.p99LatencyMillis()));
    }
    out.println();
    for (Map.Entry<String, Double> m : meanSmape.entrySet()) {
      out.println(String.format(Locale.ROOT, "mean SMAPE %-12s %8.2f%%", m.getKey(), 100 * m.getValue()));
    }
    out.println(String.format(Locale.ROOT, "best forecaster by mean SMAPE: %s (%.2f%%)", best, 100 * meanSmape.get(best)));
  }

  private String json(List<Row> rows, Map<String, Double> meanSmape, String best) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("trace", trace == null ? "bundled:azure2019_6fn_per_minute.csv.gz" : trace.toString());
    ArrayNode results = root.putArray("results");
    for (Row r : rows) {
      EvaluationResult e = r.result;
      ObjectNode o = results.addObject();
      o.put("function", e.function().value());
      o.put("forecaster", e.forecaster());
      o.put("trainDays", r.split.trainDays);
      o.put("testDays", r.split.testDays);
      o.put("trainedHere", e.trainWindows() > 0);
      o.put("smape", e.smape());
      o.put("smapeRounded", e.smapeRounded());
      o.put("mae", e.mae());
      if (e.coverage90().isPresent()) {
        o.put("coverage90", e.coverage90().getAsDouble());
      } else {
        o.putNull("coverage90");
      }
      o.put("trainMillis", e.trainMillis());
      o.put("rollingMillisPerForecast", e.rollingMillisPerForecast());
      o.put("medianLatencyMillis", e.medianLatencyMillis());
      o.put("p99LatencyMillis", e.p99LatencyMillis());
    }
    ObjectNode mean = root.putObject("meanSmape");
    meanSmape.forEach(mean::put);
    root.put("best", best);
    return mapper.writeValueAsString(root);
  }

  private record Row(Split split, EvaluationResult result) {}
}
