package dev.aquatope.core.manage;

import dev.aquatope.core.model.Configuration;
import dev.aquatope.core.model.Observation;
import dev.aquatope.core.util.Checks;
import java.time.Instant;
import java.util.List;

/**
 * One line of a workflow's {@link Journal}. Every record has a sequence number, increasing by one
 * from 1 within a journal file.
 */
public sealed interface JournalRecord {
  /**
   * The record's sequence number, {@code >= 1}.
   *
   * @return the record's sequence number, {@code >= 1}
   */
  long seq();

  /**
   * The first record: what the journal is about, checked on restart.
   *
   * @param seq sequence number
   * @param workflow the workflow's name
   * @param optimizer the optimizer provider's name
   * @param seed the optimizer's seed
   * @param problem a fingerprint of the problem (stages, knobs, QoS) that must match on restart
   */
  record Header(long seq, String workflow, String optimizer, long seed, String problem) implements JournalRecord {
    /** Validates the fields. */
    public Header {
      Checks.nonBlank("workflow", workflow);
      Checks.nonBlank("optimizer", optimizer);
      Checks.nonBlank("problem", problem);
    }
  }

  /**
   * An optimization campaign starts (the initial one, or one after drift).
   *
   * @param seq sequence number
   * @param campaign campaign number, from 1
   * @param reason why, e.g. {@code "initial"} or {@code "drift"}
   * @param at when, by the manager's clock
   */
  record CampaignStarted(long seq, int campaign, String reason, Instant at) implements JournalRecord {
    /** Validates the fields. */
    public CampaignStarted {
      Checks.positive("campaign", campaign);
      Checks.nonBlank("reason", reason);
      Checks.notNull("at", at);
    }
  }

  /**
   * The optimizer suggested a batch (recorded before any of it is profiled).
   *
   * @param seq sequence number
   * @param campaign the campaign
   * @param configurations the batch, in order
   */
  record Suggested(long seq, int campaign, List<Configuration> configurations) implements JournalRecord {
    /** Validates and copies. */
    public Suggested {
      Checks.positive("campaign", campaign);
      configurations = List.copyOf(Checks.notNull("configurations", configurations));
    }
  }

  /**
   * An observation, recorded before the optimizer sees it.
   *
   * @param seq sequence number
   * @param campaign the campaign during which it was made
   * @param group observations with the same group were given to the optimizer in one call
   * @param source {@code "profile"} (an evaluation paid by the budget) or {@code "production"}
   * @param observation the observation
   */
  record Observed(long seq, int campaign, long group, String source, Observation observation)
      implements JournalRecord {
    /** The source of evaluations profiled by the manager. */
    public static final String PROFILE = "profile";
    /** The source of observations of production traffic. */
    public static final String PRODUCTION = "production";

    /** Validates the fields. */
    public Observed {
      Checks.nonNegative("campaign", campaign);
      Checks.nonBlank("source", source);
      Checks.notNull("observation", observation);
    }

    /**
     * Whether this observation was paid for by a campaign's budget.
     *
     * @return whether this observation was paid for by a campaign's budget
     */
    public boolean isEvaluation() {
      return PROFILE.equals(source);
    }
  }

  /**
   * A configuration was applied to production.
   *
   * @param seq sequence number
   * @param campaign the campaign that chose it
   * @param configuration the configuration
   * @param cost its observed cost
   * @param latency its observed latency statistic
   */
  record Applied(long seq, int campaign, Configuration configuration, double cost, double latency)
      implements JournalRecord {
    /** Validates the fields. */
    public Applied {
      Checks.notNull("configuration", configuration);
      Checks.nonNegative("cost", cost);
      Checks.nonNegative("latency", latency);
    }
  }

  /**
   * An optimizer snapshot was written; it reflects every record up to {@code covers}.
   *
   * @param seq sequence number
   * @param covers the last record the snapshot includes
   * @param file the snapshot's file name, in the journal directory
   */
  record Snapshot(long seq, long covers, String file) implements JournalRecord {
    /** Validates the fields. */
    public Snapshot {
      Checks.nonBlank("file", file);
    }
  }
}
