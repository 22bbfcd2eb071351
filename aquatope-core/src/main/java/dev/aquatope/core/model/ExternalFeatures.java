package dev.aquatope.core.model;

import dev.aquatope.core.util.Checks;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The external features of one forecast window: time of day, day of week and trigger type.
 * Times are interpreted in UTC, as in the Azure traces.
 *
 * @param minuteOfDay minute since midnight, in {@code [0, 1440)}
 * @param dayOfWeek the day of the week (not the day of the month: the prototype's bug)
 * @param trigger the function's trigger group
 */
public record ExternalFeatures(int minuteOfDay, DayOfWeek dayOfWeek, TriggerType trigger) {
  /** Number of values in {@link #encode()}: sin/cos of minute, sin/cos of weekday, 7 triggers. */
  public static final int ENCODED_LENGTH = 4 + TriggerType.values().length;

  /** Validates the fields. */
  public ExternalFeatures {
    if (minuteOfDay < 0 || minuteOfDay >= 1440) {
      throw new IllegalArgumentException("minuteOfDay must be in [0, 1440), was " + minuteOfDay);
    }
    Checks.notNull("dayOfWeek", dayOfWeek);
    Checks.notNull("trigger", trigger);
  }

  /** The features of the window starting at {@code time} (UTC). */
  public static ExternalFeatures of(Instant time, TriggerType trigger) {
    ZonedDateTime t = time.atZone(ZoneOffset.UTC);
    return new ExternalFeatures(t.getHour() * 60 + t.getMinute(), t.getDayOfWeek(), trigger);
  }

  /**
   * The numeric encoding fed to a model: {@code sin, cos} of the minute of day,
   * {@code sin, cos} of the day of week (Monday = 0), and a one-hot trigger.
   *
   * @return a fresh array of length {@link #ENCODED_LENGTH}
   */
  public double[] encode() {
    double[] f = new double[ENCODED_LENGTH];
    double day = 2 * Math.PI * minuteOfDay / 1440.0;
    double week = 2 * Math.PI * (dayOfWeek.getValue() - 1) / 7.0;
    f[0] = Math.sin(day);
    f[1] = Math.cos(day);
    f[2] = Math.sin(week);
    f[3] = Math.cos(week);
    f[4 + trigger.ordinal()] = 1.0;
    return f;
  }
}
