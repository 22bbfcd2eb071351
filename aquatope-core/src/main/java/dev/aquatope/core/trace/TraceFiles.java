package dev.aquatope.core.trace;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.util.Checks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;

/** Reads a trace file or folder of any supported layout, detected from its header. */
public final class TraceFiles {
  private TraceFiles() {}

  /**
   * Detects the layout of a file (from its first line) or folder (a folder of day files).
   *
   * @param fileOrFolder the path
   * @return the layout
   * @throws TraceFormatException if the header matches no known layout
   * @throws IOException if reading fails
   */
  public static TraceFormat detect(Path fileOrFolder) throws IOException {
    Checks.notNull("fileOrFolder", fileOrFolder);
    if (Files.isDirectory(fileOrFolder)) {
      return TraceFormat.AZURE_2019_DAY_FILES;
    }
    String header;
    try (InputStream in = Files.newInputStream(fileOrFolder)) {
      BufferedReader r = TraceInput.reader(in);
      header = r.readLine();
    }
    String name = fileOrFolder.getFileName().toString();
    if (header == null) {
      throw new TraceFormatException(name, 0, "empty file");
    }
    header = header.replace("\uFEFF", "");
    if (header.startsWith("HashFunction,Day,")) {
      return TraceFormat.COMPACT_PER_MINUTE;
    }
    if (header.startsWith("HashOwner,HashApp,HashFunction,Trigger,")) {
      return TraceFormat.AZURE_2019_DAY_FILES;
    }
    if (header.trim().equals("app,func,end_timestamp,duration")) {
      return TraceFormat.AZURE_2021_INVOCATIONS;
    }
    throw new TraceFormatException(name, 1, "unknown trace layout: the header starts '"
        + header.substring(0, Math.min(60, header.length())) + "'; expected 'HashFunction,Day,1,...', "
        + "'HashOwner,HashApp,HashFunction,Trigger,1,...' or 'app,func,end_timestamp,duration'");
  }

  /**
   * Reads every function of a trace of any supported layout.
   *
   * @param fileOrFolder a file, or a folder of Azure 2019 day files
   * @return the series per function, in order of first appearance
   * @throws TraceFormatException if the trace is malformed
   * @throws IOException if reading fails
   */
  public static Map<FunctionId, InvocationSeries> read(Path fileOrFolder) throws IOException {
    return read(fileOrFolder, f -> true);
  }

  /**
   * Reads the functions that {@code filter} accepts from a trace of any supported layout (no
   * manifest check; use {@link Azure2019TraceReader} directly for that).
   *
   * @param fileOrFolder a file, or a folder of Azure 2019 day files
   * @param filter which functions to keep
   * @return the series per kept function, in order of first appearance
   * @throws TraceFormatException if the trace is malformed
   * @throws IOException if reading fails
   */
  public static Map<FunctionId, InvocationSeries> read(Path fileOrFolder, Predicate<FunctionId> filter)
      throws IOException {
    Checks.notNull("filter", filter);
    return switch (detect(fileOrFolder)) {
      case COMPACT_PER_MINUTE -> CompactTraceReader.read(fileOrFolder, filter);
      case AZURE_2019_DAY_FILES -> Azure2019TraceReader.newBuilder().filter(filter).build().read(fileOrFolder);
      case AZURE_2021_INVOCATIONS -> Azure2021TraceReader.newBuilder().filter(filter).build().read(fileOrFolder);
    };
  }
}
