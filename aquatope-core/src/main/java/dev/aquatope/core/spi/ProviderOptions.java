package dev.aquatope.core.spi;

import dev.aquatope.core.util.Checks;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reading the string settings given to a provider's {@code create(..., Map<String, String>)}:
 * typed values whose errors name the key, and the check that no unknown key was given.
 *
 * <pre>{@code
 * ProviderOptions.requireKnown("gp-qnei", options, Set.of("n-init", "batch-size"));
 * int nInit = ProviderOptions.intValue("gp-qnei", options, "n-init", 10);
 * }</pre>
 */
public final class ProviderOptions {
  private ProviderOptions() {}

  /**
   * Checks that a provider without options was given none.
   *
   * @param provider the provider's name, for the message
   * @param options the options
   * @throws IllegalArgumentException if {@code options} is null or not empty (naming the first key
   *     in alphabetical order)
   */
  public static void requireNone(String provider, Map<String, String> options) {
    Checks.notNull("options", options);
    if (!options.isEmpty()) {
      throw new IllegalArgumentException("unknown option '" + new TreeMap<>(options).firstKey() + "' for '" + provider
          + "': it takes no options");
    }
  }

  /**
   * Checks that every key is known.
   *
   * @param provider the provider's name, for the message
   * @param options the options
   * @param known the keys the provider reads
   * @throws IllegalArgumentException if {@code options} is null or has a key outside {@code known}
   *     (naming the first such key in alphabetical order, and the known ones)
   */
  public static void requireKnown(String provider, Map<String, String> options, Set<String> known) {
    Checks.notNull("options", options);
    for (String k : new TreeMap<>(options).keySet()) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException("unknown option '" + k + "' for '" + provider + "'; known: "
            + new TreeSet<>(known));
      }
    }
  }

  /**
   * An integer option.
   *
   * @param provider the provider's name, for the message
   * @param options the options
   * @param key the key
   * @param fallback the value when the key is absent
   * @return the value
   * @throws IllegalArgumentException if the value is not an integer (naming the key and value)
   */
  public static int intValue(String provider, Map<String, String> options, String key, int fallback) {
    String v = options.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option '" + key + "' of '" + provider + "' must be an integer, was '" + v
          + "'", e);
    }
  }

  /**
   * A finite floating-point option.
   *
   * @param provider the provider's name, for the message
   * @param options the options
   * @param key the key
   * @param fallback the value when the key is absent
   * @return the value
   * @throws IllegalArgumentException if the value is not a finite number (naming the key and value)
   */
  public static double doubleValue(String provider, Map<String, String> options, String key, double fallback) {
    String v = options.get(key);
    if (v == null) {
      return fallback;
    }
    double d;
    try {
      d = Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option '" + key + "' of '" + provider + "' must be a number, was '" + v
          + "'", e);
    }
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("option '" + key + "' of '" + provider + "' must be finite, was '" + v + "'");
    }
    return d;
  }

  /**
   * A boolean option: {@code true} or {@code false} (any case), nothing else.
   *
   * @param provider the provider's name, for the message
   * @param options the options
   * @param key the key
   * @param fallback the value when the key is absent
   * @return the value
   * @throws IllegalArgumentException if the value is neither (naming the key and value)
   */
  public static boolean booleanValue(String provider, Map<String, String> options, String key, boolean fallback) {
    String v = options.get(key);
    if (v == null) {
      return fallback;
    }
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("option '" + key + "' of '" + provider
          + "' must be true or false, was '" + v + "'");
    };
  }
}
