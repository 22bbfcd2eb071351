package dev.aquatope.core.model;

import dev.aquatope.core.util.Checks;

/**
 * One stage of a {@link Workflow}: a named step that runs a serverless function.
 *
 * @param name unique name of the stage within its workflow (also the prefix of its knobs in a
 *     {@link ConfigSpace})
 * @param function the function that runs this stage
 */
public record Stage(String name, FunctionId function) {
  /** Validates the fields. */
  public Stage {
    Checks.nonBlank("name", name);
    if (name.contains(".")) {
      throw new IllegalArgumentException("name must not contain '.', was '" + name + "'");
    }
    Checks.notNull("function", function);
  }

  /** A stage whose function has the same name as the stage. */
  public static Stage of(String name) {
    return new Stage(name, FunctionId.of(name));
  }
}
