package dev.aquatope.core.workflow;

/**
 * A workflow definition file is invalid. The message names the file, the JSON path of the bad
 * field (e.g. {@code stages[2].knobs.cpu.step}) and the problem.
 */
public final class WorkflowDefinitionException extends IllegalArgumentException {
  /** The file name or source description. */
  private final String source;
  /** The JSON path of the offending field. */
  private final String path;
  /** What is wrong. */
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param source the file name (or another description of where the JSON came from)
   * @param path the JSON path of the offending field; empty for the whole document
   * @param problem what is wrong
   * @param cause the underlying exception, may be null
   */
  public WorkflowDefinitionException(String source, String path, String problem, Throwable cause) {
    super(source + ": " + (path.isEmpty() ? "" : path + ": ") + problem, cause);
    this.source = source;
    this.path = path;
    this.problem = problem;
  }

  /**
   * The file name or source description.
   *
   * @return the source
   */
  public String source() {
    return source;
  }

  /**
   * The JSON path of the offending field (empty for the whole document).
   *
   * @return the path, e.g. {@code stages[2].knobs.cpu.step}
   */
  public String path() {
    return path;
  }

  /**
   * What is wrong, without the file and path.
   *
   * @return the problem
   */
  public String problem() {
    return problem;
  }
}
