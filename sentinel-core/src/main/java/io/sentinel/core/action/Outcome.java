package io.sentinel.core.action;

/**
 * What the core decided about a client's request, carried by a {@link Reply}. The shell renders each in Redis's
 * words, in one place; the core holds no reply text.
 */
public sealed interface Outcome {
    Outcome OK = new Ok();

    /** Done; {@code +OK}. */
    record Ok() implements Outcome { }

    /** Done, with a count (how many masters {@code RESET} matched). */
    record Count(long value) implements Outcome { }

    /**
     * The answer to a {@code VoteRequested}: whether we see the master down, and the leader we voted for in
     * {@code leaderEpoch} (null: no vote asked or given).
     */
    record VoteAnswer(boolean down, String leader, long leaderEpoch) implements Outcome { }

    record NoSuchMaster() implements Outcome { }

    record DuplicateMaster() implements Outcome { }

    /** {@code MONITOR} with a host that is not an IP address while {@code resolve-hostnames} is off. */
    record InvalidHost() implements Outcome { }

    record NoGoodReplica() implements Outcome { }

    record FailoverInProgress() implements Outcome { }

    /** {@code FAILOVER COORDINATED} of a master whose INFO reports no {@code master_failover_state}. */
    record FailoverNotSupported() implements Outcome { }

    /** {@code SET} of a script path while {@code deny-scripts-reconfig} is on. */
    record ScriptsReconfigDenied() implements Outcome { }

    /** {@code SET} with a bad value for {@code option}. */
    record InvalidSetting(String option, String value) implements Outcome { }

    /** {@code SET} with an unknown option or a missing value. */
    record UnknownSetting(String option) implements Outcome { }

    /** The shell could not write the state this request changed: nothing of it left the process. */
    record NotSaved() implements Outcome { }
}
