package dev.aquatope.core.trace;

import dev.aquatope.core.model.FunctionId;
import dev.aquatope.core.model.InvocationSeries;
import dev.aquatope.core.model.TriggerType;
import dev.aquatope.core.util.Checks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the official Azure Functions 2019 per-day invocation files
 * {@code invocations_per_function_md.anon.dNN.csv} (columns {@code HashOwner, HashApp,
 * HashFunction, Trigger, 1..1440}), one file or a folder of them, plain or gzip-compressed.
 *
 * <p>The day number comes from the file name ({@code d01} = Monday 2019-07-15, see
 * {@link CompactTraceReader#AZURE_2019_DAY1}); a file whose name has no {@code dNN} is day 1. In a
 * folder, the day files must be contiguous; each function's days are concatenated into one
 * per-minute series that starts at 00:00 UTC of the folder's first day, with zeros for days on
 * which the function has no row. Functions are keyed by {@code HashFunction} (which the dataset
 * salts per application, so it is unique); should one file hold two rows of the same function
 * (e.g. two trigger groups), their counts are added and the first row's trigger is kept. The
 * trigger is parsed with {@link TriggerType#parse}.
 *
 * <p>Reading streams line by line; only the functions accepted by the filter keep their counts
 * (1440 doubles per day each), so a 150 MB day file is read in bounded memory when a few functions
 * are selected. With a {@link DayFileManifest}, each file's size and SHA-256 (of the uncompressed
 * bytes, computed while reading) must match its entry; a mismatch, or a file the manifest does not
 * list, raises a {@link TraceVerificationException}.
 *
 * <pre>{@code
 * Azure2019TraceReader reader = Azure2019TraceReader.newBuilder()
 *     .functions(Set.of("40d07b9935b0d765eec41cedf70847d06699c0df3e24e1216e0ca893e6e8f71d"))
 *     .manifest(DayFileManifest.azure2019())
 *     .build();
 * Map<FunctionId, InvocationSeries> trace = reader.read(Path.of("azurefunctions-dataset2019"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Azure2019TraceReader {
  private static final Logger LOG = LoggerFactory.getLogger(Azure2019TraceReader.class);
  /** Matches the official day-file names and captures the day number. */
  static final Pattern DAY_FILE = Pattern.compile("invocations_per_function_md\\.anon\\.d(\\d{1,3})\\.csv(\\.gz)?");
  private static final Pattern ANY_DAY = Pattern.compile(".*\\bd(\\d{1,3})\\.csv(\\.gz)?");
  private static final int FIRST_COUNT_COLUMN = 4;
  private static final int MINUTES = CompactTraceReader.MINUTES_PER_DAY;

  private final Predicate<FunctionId> filter;
  private final DayFileManifest manifest;

  private Azure2019TraceReader(Builder b) {
    this.filter = b.filter;
    this.manifest = b.manifest;
  }

  /** A builder; by default every function is read and no manifest is checked. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Reads a day file, or every day file of a folder.
   *
   * @param fileOrFolder a day file, or a folder holding {@code invocations_per_function_md.anon.dNN.csv[.gz]}
   * @return the series per selected function, in order of first appearance
   * @throws TraceFormatException if a file is malformed, or the folder's days are not contiguous
   * @throws TraceVerificationException if a file does not match the manifest
   * @throws IOException if reading fails
   */
  public Map<FunctionId, InvocationSeries> read(Path fileOrFolder) throws IOException {
    Checks.notNull("fileOrFolder", fileOrFolder);
    if (Files.isDirectory(fileOrFolder)) {
      return readFolder(fileOrFolder);
    }
    String name = fileOrFolder.getFileName().toString();
    int day = dayOf(name).orElse(1);
    Accumulator acc = new Accumulator(day, 1);
    readFile(fileOrFolder, day, acc);
    return acc.toSeries();
  }

  /**
   * Reads one day from a stream (no manifest check: there is no file to compare).
   *
   * @param in the stream (plain or gzip); not closed
   * @param sourceName name for error messages
   * @param day the 1-based day number of the trace ({@code 1} = 2019-07-15)
   * @return the series per selected function
   * @throws TraceFormatException if the input is malformed
   * @throws IOException if reading fails
   */
  public Map<FunctionId, InvocationSeries> read(InputStream in, String sourceName, int day) throws IOException {
    Checks.notNull("in", in);
    Checks.nonBlank("sourceName", sourceName);
    Checks.positive("day", day);
    Accumulator acc = new Accumulator(day, 1);
    parse(TraceInput.reader(in), sourceName, day, acc);
    return acc.toSeries();
  }

  /** The day number in an official day-file name ({@code ...d07.csv} gives 7), if any. */
  static Optional<Integer> dayOf(String fileName) {
    Matcher m = ANY_DAY.matcher(fileName);
    return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  private Map<FunctionId, InvocationSeries> readFolder(Path folder) throws IOException {
    TreeMap<Integer, Path> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(folder)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        Matcher m = DAY_FILE.matcher(p.getFileName().toString());
        if (m.matches() && Files.isRegularFile(p)) {
          Path previous = files.put(Integer.parseInt(m.group(1)), p);
          if (previous != null) {
            throw new TraceFormatException(folder.toString(), 0, "day " + m.group(1) + " is present twice: "
                + previous.getFileName() + " and " + p.getFileName());
          }
        }
      }
    }
    if (files.isEmpty()) {
      throw new TraceFormatException(folder.toString(), 0,
          "no day files 'invocations_per_function_md.anon.dNN.csv[.gz]' in this folder");
    }
    int first = files.firstKey();
    int last = files.lastKey();
    if (last - first + 1 != files.size()) {
      List<String> missing = new ArrayList<>();
      for (int d = first; d <= last; d++) {
        if (!files.containsKey(d)) {
          missing.add("d" + CompactTraceReader.twoDigits(d));
        }
      }
      throw new TraceFormatException(folder.toString(), 0, "day files are not contiguous: missing " + missing);
    }
    Accumulator acc = new Accumulator(first, files.size());
    for (Map.Entry<Integer, Path> e : files.entrySet()) {
      readFile(e.getValue(), e.getKey(), acc);
    }
    return acc.toSeries();
  }

  private void readFile(Path file, int day, Accumulator acc) throws IOException {
    String name = file.getFileName().toString();
    LOG.debug("reading {} as day {}", file, day);
    DayFileManifest.Entry expected = null;
    if (manifest != null) {
      expected = manifest.entry(name).orElseThrow(() -> new TraceVerificationException(name, "listed",
          "one of " + manifest.entries().keySet(), "not listed"));
      if (!name.endsWith(".gz")) {
        long size = Files.size(file);
        if (size != expected.sizeBytes()) {
          throw new TraceVerificationException(name, "size_bytes", Long.toString(expected.sizeBytes()),
              Long.toString(size));
        }
      }
    }
    try (InputStream raw = Files.newInputStream(file)) {
      TraceInput.Fingerprinting fp = new TraceInput.Fingerprinting(TraceInput.decompressed(raw));
      parse(new BufferedReader(new InputStreamReader(fp, StandardCharsets.UTF_8), 1 << 16), name, day, acc);
      if (expected != null) {
        fp.drain();
        if (fp.bytesRead() != expected.sizeBytes()) {
          throw new TraceVerificationException(name, "size_bytes", Long.toString(expected.sizeBytes()),
              Long.toString(fp.bytesRead()));
        }
        String sha = fp.sha256Hex();
        if (!sha.equals(expected.sha256())) {
          throw new TraceVerificationException(name, "sha256", expected.sha256(), sha);
        }
      }
    }
  }

  private void parse(BufferedReader reader, String source, int day, Accumulator acc) throws IOException {
    CsvRow row = new CsvRow(source);
    String header = reader.readLine();
    if (header == null) {
      throw new TraceFormatException(source, 0, "empty input: expected a header 'HashOwner,HashApp,HashFunction,Trigger,1,...,1440'");
    }
    checkHeader(row.reset(header, 1));
    long lineNumber = 1;
    long kept = 0;
    String line;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      row.reset(line, lineNumber);
      if (row.size() < FIRST_COUNT_COLUMN) {
        throw row.error("expected " + (FIRST_COUNT_COLUMN + MINUTES) + " columns, found " + row.size());
      }
      FunctionId id = new FunctionId(row.nonBlank(2));
      if (!filter.test(id)) {
        continue;
      }
      row.requireSize(FIRST_COUNT_COLUMN + MINUTES);
      double[] counts = acc.countsOf(id, TriggerType.parse(row.field(3)));
      int offset = (day - acc.firstDay) * MINUTES;
      for (int m = 0; m < MINUTES; m++) {
        counts[offset + m] += row.count(FIRST_COUNT_COLUMN + m);
      }
      kept++;
    }
    LOG.debug("{}: {} lines, {} rows kept", source, lineNumber, kept);
  }

  private static void checkHeader(CsvRow h) throws TraceFormatException {
    if (h.size() != FIRST_COUNT_COLUMN + MINUTES) {
      throw h.error("header: expected " + (FIRST_COUNT_COLUMN + MINUTES)
          + " columns 'HashOwner,HashApp,HashFunction,Trigger,1,...,1440', found " + h.size());
    }
    String[] names = {"HashOwner", "HashApp", "HashFunction", "Trigger"};
    for (int i = 0; i < names.length; i++) {
      if (!h.field(i).replace("\uFEFF", "").equals(names[i])) {
        throw h.error(i, "header: expected '" + names[i] + "'");
      }
    }
    CompactTraceReader.checkMinuteHeader(h, FIRST_COUNT_COLUMN);
  }

  /** The per-function counts of the days being read. */
  private static final class Accumulator {
    final int firstDay;
    final int days;
    final Map<FunctionId, TriggerType> triggers = new LinkedHashMap<>();
    final Map<FunctionId, double[]> counts = new LinkedHashMap<>();

    Accumulator(int firstDay, int days) {
      this.firstDay = firstDay;
      this.days = days;
    }

    double[] countsOf(FunctionId id, TriggerType trigger) {
      triggers.putIfAbsent(id, trigger);
      return counts.computeIfAbsent(id, k -> new double[days * MINUTES]);
    }

    Map<FunctionId, InvocationSeries> toSeries() {
      Map<FunctionId, InvocationSeries> out = new LinkedHashMap<>();
      for (Map.Entry<FunctionId, double[]> e : counts.entrySet()) {
        out.put(e.getKey(), InvocationSeries.perMinute(e.getKey(), triggers.get(e.getKey()),
            CompactTraceReader.startOfDay(firstDay), e.getValue()));
      }
      return out;
    }
  }

  /** Builds an {@link Azure2019TraceReader}; each option may be set once. */
  public static final class Builder {
    private Predicate<FunctionId> filter = f -> true;
    private boolean filterSet;
    private DayFileManifest manifest;

    private Builder() {}

    /**
     * Reads only the functions with these {@code HashFunction} values.
     *
     * @param hashes the hashes; non-empty
     * @return this builder (for chaining)
     * @throws IllegalArgumentException if {@code hashes} is empty
     * @throws IllegalStateException if a filter was already set
     */
    public Builder functions(Set<String> hashes) {
      Checks.notNull("hashes", hashes);
      if (hashes.isEmpty()) {
        throw new IllegalArgumentException("hashes must not be empty");
      }
      Set<String> copy = Set.copyOf(hashes);
      return filter(id -> copy.contains(id.value()));
    }

    /**
     * Reads only the functions that {@code predicate} accepts.
     *
     * @param predicate the selection
     * @return this builder (for chaining)
     * @throws IllegalStateException if a filter was already set
     */
    public Builder filter(Predicate<FunctionId> predicate) {
      Checks.notNull("predicate", predicate);
      if (filterSet) {
        throw new IllegalStateException("the function filter was already set");
      }
      this.filter = predicate;
      this.filterSet = true;
      return this;
    }

    /**
     * Verifies every file read against {@code manifest}.
     *
     * @param manifest e.g. {@link DayFileManifest#azure2019()}
     * @return this builder (for chaining)
     * @throws IllegalStateException if a manifest was already set
     */
    public Builder manifest(DayFileManifest manifest) {
      Checks.notNull("manifest", manifest);
      if (this.manifest != null) {
        throw new IllegalStateException("the manifest was already set");
      }
      this.manifest = manifest;
      return this;
    }

    /** The reader. */
    public Azure2019TraceReader build() {
      return new Azure2019TraceReader(this);
    }
  }
}
