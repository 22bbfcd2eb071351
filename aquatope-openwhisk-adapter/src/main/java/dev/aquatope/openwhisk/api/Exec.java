package dev.aquatope.openwhisk.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aquatope.core.util.Checks;
import java.util.List;

/**
 * An action's {@code exec}: its runtime kind and code, docker image or sequence components.
 *
 * @param kind e.g. {@code nodejs:20}, {@code blackbox}, {@code sequence}; non-blank
 * @param code source code (absent when fetched with {@code code=false})
 * @param image docker image of a blackbox action
 * @param main entry point name
 * @param binary whether {@code code} is base64 binary
 * @param components fully qualified component names of a sequence
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Exec(String kind, String code, String image, String main, Boolean binary, List<String> components) {
  /** Validates the kind and copies the components. */
  public Exec {
    Checks.nonBlank("kind", kind);
    components = components == null ? null : List.copyOf(components);
  }

  /**
   * Source code of a runtime kind.
   *
   * @param kind e.g. {@code nodejs:20}
   * @param code the source
   * @return the exec
   */
  public static Exec code(String kind, String code) {
    return new Exec(kind, Checks.nonBlank("code", code), null, null, null, null);
  }

  /**
   * A docker (blackbox) action.
   *
   * @param image the image, e.g. {@code user/img:tag}
   * @return the exec
   */
  public static Exec blackbox(String image) {
    return new Exec("blackbox", null, Checks.nonBlank("image", image), null, null, null);
  }

  /**
   * A sequence of fully qualified components ({@code /ns/[pkg/]name}).
   *
   * @param components at least one component, each starting with {@code /}
   * @return the exec
   */
  public static Exec sequence(List<String> components) {
    Checks.notNull("components", components);
    if (components.isEmpty()) {
      throw new IllegalArgumentException("components must not be empty");
    }
    for (String c : components) {
      if (c == null || !c.startsWith("/") || c.length() < 4) {
        throw new IllegalArgumentException("components must be fully qualified (/ns/name), was '" + c + "'");
      }
    }
    return new Exec("sequence", null, null, null, null, components);
  }

  /** Whether this is a sequence. */
  @JsonIgnore
  public boolean isSequence() {
    return "sequence".equals(kind);
  }
}
