package dev.aquatope.examples.e2e;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.trace.CompactTraceReader;
import dev.aquatope.fixtures.traces.BundledTraces;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Loads the per-minute series of one function, from a compact trace file or the bundled extract. */
public final class TraceSource {
  private TraceSource() {}

  /**
   * The series of one function.
   *
   * @param trace a compact trace file ({@code HashFunction,Day,1..1440}, plain or gzip), or null
   *     for the bundled Azure Functions 2019 extract
   * @param function the function's hash, or null for the bundled 14-day function
   * @return the series
   * @throws IOException if the file cannot be read or is malformed
   * @throws IllegalArgumentException if the trace has no such function
   */
  public static InvocationSeries load(Path trace, String function) throws IOException {
    FunctionId f = function == null ? BundledTraces.WEEKLY_FUNCTION : FunctionId.of(function);
    Map<FunctionId, InvocationSeries> all = trace == null ? BundledTraces.azure2019()
        : CompactTraceReader.read(trace, id -> id.equals(f));
    InvocationSeries s = all.get(f);
    if (s == null) {
      throw new IllegalArgumentException("function " + f + " is not in " + (trace == null ? "the bundled trace" : trace)
          + (trace == null ? "; it has " + all.keySet() : ""));
    }
    return s;
  }
}
