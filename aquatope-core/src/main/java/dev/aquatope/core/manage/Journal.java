package dev.aquatope.core.manage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aquatope.core.util.Checks;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only journal of one workflow: a JSON-lines file {@code <name>.journal.jsonl} in a
 * directory, one {@link JournalRecord} per line, each line flushed to disk ({@code fsync}) before
 * {@link #append} returns, plus optimizer snapshots {@code <name>.snapshot-<seq>.json} written
 * atomically.
 *
 * <p>On {@link #open}, a last line cut short by a crash is dropped (and truncated from the file)
 * with a warning; any other unreadable line is an error.
 *
 * <p>Not thread-safe: one manager owns a journal.
 */
public final class Journal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path directory;
  private final String baseName;
  private final Path file;
  private final JournalCodec codec = new JournalCodec(MAPPER);
  private final List<JournalRecord> records;
  private FileChannel channel;

  private Journal(Path directory, String baseName, List<JournalRecord> records, FileChannel channel) {
    this.directory = directory;
    this.baseName = baseName;
    this.file = directory.resolve(baseName + ".journal.jsonl");
    this.records = records;
    this.channel = channel;
  }

  /**
   * Opens (creating if needed) the journal of a workflow and reads its records.
   *
   * @param directory the journal directory; created if missing
   * @param workflowName the workflow's name (characters other than letters, digits, '.', '_' and
   *     '-' are replaced by '_' in file names)
   * @return the journal
   * @throws IOException if the directory or file cannot be read or written, or a line other than
   *     the last is not a valid record
   */
  public static Journal open(Path directory, String workflowName) throws IOException {
    Checks.notNull("directory", directory);
    Checks.nonBlank("workflowName", workflowName);
    Files.createDirectories(directory);
    String base = workflowName.replaceAll("[^A-Za-z0-9._-]", "_");
    Path file = directory.resolve(base + ".journal.jsonl");
    List<JournalRecord> records = readAndRepair(file, new JournalCodec(MAPPER));
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
    return new Journal(directory, base, records, ch);
  }

  /**
   * Reads the records of a journal file without opening it for writing (e.g. for a report).
   *
   * @param file a {@code .journal.jsonl} file
   * @return its records; a torn last line is ignored
   * @throws IOException if the file cannot be read or is corrupt
   */
  public static List<JournalRecord> read(Path file) throws IOException {
    return parse(file, Files.exists(file) ? Files.readAllBytes(file) : new byte[0], new JournalCodec(MAPPER))
        .records;
  }

  private record Parsed(List<JournalRecord> records, long validLength, boolean torn) {}

  private static Parsed parse(Path file, byte[] bytes, JournalCodec codec) throws IOException {
    List<JournalRecord> out = new ArrayList<>();
    int start = 0;
    int lineNo = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      lineNo++;
      boolean last = end >= bytes.length - 1;
      String line = new String(bytes, start, end - start, StandardCharsets.UTF_8).trim();
      if (!line.isEmpty()) {
        try {
          JournalRecord r = codec.fromJson(MAPPER.readTree(line));
          if (r.seq() != out.size() + 1) {
            throw new IOException(file + ": line " + lineNo + " has seq " + r.seq() + ", expected " + (out.size() + 1));
          }
          out.add(r);
        } catch (JsonProcessingException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
          if (last) {
            LOG.warn("{}: dropping the torn last line {} ({})", file, lineNo, e.getMessage());
            return new Parsed(out, start, true);
          }
          throw new IOException(file + ": line " + lineNo + " is not a valid journal record: " + e.getMessage(), e);
        }
      }
      start = end + 1;
    }
    return new Parsed(out, bytes.length, bytes.length > 0 && bytes[bytes.length - 1] != '\n');
  }

  private static List<JournalRecord> readAndRepair(Path file, JournalCodec codec) throws IOException {
    if (!Files.exists(file)) {
      return new ArrayList<>();
    }
    byte[] bytes = Files.readAllBytes(file);
    Parsed p = parse(file, bytes, codec);
    if (p.torn) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(p.validLength);
        if (p.validLength > 0 && bytes[(int) p.validLength - 1] != '\n') {
          ch.position(p.validLength);
          ch.write(ByteBuffer.wrap(new byte[] {'\n'}));
        }
        ch.force(true);
      }
    }
    return new ArrayList<>(p.records);
  }

  /**
   * The journal file.
   *
   * @return the journal file
   */
  public Path file() {
    return file;
  }

  /**
   * The journal directory.
   *
   * @return the journal directory
   */
  public Path directory() {
    return directory;
  }

  /**
   * Every record, in order (read at open plus appended since).
   *
   * @return every record, in order (read at open plus appended since)
   */
  public List<JournalRecord> records() {
    return Collections.unmodifiableList(records);
  }

  /**
   * The sequence number the next appended record must have.
   *
   * @return the sequence number the next appended record must have
   */
  public long nextSeq() {
    return records.size() + 1L;
  }

  /**
   * Appends a record and forces it to disk before returning.
   *
   * @param record the record, with {@code seq == nextSeq()}
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if the sequence number is wrong
   */
  public void append(JournalRecord record) throws IOException {
    Checks.notNull("record", record);
    if (record.seq() != nextSeq()) {
      throw new IllegalArgumentException("record seq must be " + nextSeq() + ", was " + record.seq());
    }
    ensureOpen();
    byte[] line = (MAPPER.writeValueAsString(codec.toJson(record)) + "\n").getBytes(StandardCharsets.UTF_8);
    ByteBuffer buf = ByteBuffer.wrap(line);
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    channel.force(false);
    records.add(record);
  }

  /** A snapshot writer: writes the state to the stream. */
  @FunctionalInterface
  public interface StateWriter {
    /**
     * Writes the state.
     *
     * @param out the stream; not to be closed
     * @throws IOException if writing fails
     */
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes an optimizer snapshot covering every record so far (temporary file, fsync, atomic
   * rename), appends a {@link JournalRecord.Snapshot} record, and deletes older snapshots.
   *
   * @param writer writes the state
   * @return the snapshot record
   * @throws IOException if writing fails
   */
  public JournalRecord.Snapshot writeSnapshot(StateWriter writer) throws IOException {
    ensureOpen();
    long covers = records.size();
    String name = baseName + ".snapshot-" + covers + ".json";
    Path target = directory.resolve(name);
    Path tmp = directory.resolve(name + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      OutputStream out = Channels.newOutputStream(ch);
      writer.write(out);
      out.flush();
      ch.force(true);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    JournalRecord.Snapshot rec = new JournalRecord.Snapshot(nextSeq(), covers, name);
    append(rec);
    try (DirectoryStream<Path> old = Files.newDirectoryStream(directory, baseName + ".snapshot-*.json")) {
      for (Path p : old) {
        if (!p.getFileName().toString().equals(name)) {
          Files.deleteIfExists(p);
        }
      }
    }
    return rec;
  }

  /**
   * The path of a file in the journal directory (e.g. a snapshot named by a record).
   *
   * @param fileName the file's name
   * @return its path
   */
  public Path resolve(String fileName) {
    return directory.resolve(fileName);
  }

  private void ensureOpen() throws IOException {
    if (channel == null || !channel.isOpen()) {
      throw new IOException("journal " + file + " is closed");
    }
  }

  /** Closes the file. */
  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }
}
