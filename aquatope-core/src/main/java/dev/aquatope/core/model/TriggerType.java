package dev.aquatope.core.model;

import java.util.Locale;

/**
 * The trigger group of a function, as in the Azure Functions 2019 trace and the AQUATOPE paper's
 * external features.
 */
public enum TriggerType {
  HTTP, TIMER, EVENT, QUEUE, STORAGE, ORCHESTRATION, OTHERS;

  /**
   * Parses a trigger name case-insensitively ({@code "http"}, {@code "Timer"}, ...). An empty or
   * unknown name maps to {@link #OTHERS}, as the trace does for unlisted triggers.
   *
   * @param name the trigger as written in a trace; may be null
   * @return the trigger group
   */
  public static TriggerType parse(String name) {
    if (name == null || name.isBlank()) {
      return OTHERS;
    }
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return OTHERS;
    }
  }
}
