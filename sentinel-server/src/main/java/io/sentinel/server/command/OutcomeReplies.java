package io.sentinel.server.command;

import io.sentinel.core.action.Outcome;
import io.sentinel.server.reply.Resp;
import java.util.List;

/** The core's outcomes in redis-sentinel's words: the one place they are rendered. */
final class OutcomeReplies {
    private OutcomeReplies() {
    }

    static Resp of(Outcome o) {
        if (o instanceof Outcome.Ok) return Resp.OK;
        if (o instanceof Outcome.Count c) return Resp.integer(c.value());
        if (o instanceof Outcome.VoteAnswer v) {
            return Resp.array(List.of(Resp.integer(v.down() ? 1 : 0), Resp.bulk(v.leader() == null ? "*" : v.leader()),
                    Resp.integer(v.leaderEpoch())));
        }
        if (o instanceof Outcome.NoSuchMaster) return Errors.NO_SUCH_MASTER;
        if (o instanceof Outcome.DuplicateMaster) return Errors.DUPLICATE_MASTER;
        if (o instanceof Outcome.InvalidHost) return Errors.INVALID_HOST;
        if (o instanceof Outcome.NoGoodReplica) return Errors.NO_GOOD_REPLICA;
        if (o instanceof Outcome.FailoverInProgress) return Errors.FAILOVER_IN_PROGRESS;
        if (o instanceof Outcome.FailoverNotSupported) return Errors.FAILOVER_NOT_SUPPORTED;
        if (o instanceof Outcome.ScriptsReconfigDenied) return Errors.SCRIPTS_RECONFIG_DENIED;
        if (o instanceof Outcome.InvalidSetting s) return Errors.invalidSetValue(s.value(), s.option());
        if (o instanceof Outcome.UnknownSetting s) return Errors.unknownSetOption(s.option());
        if (o instanceof Outcome.NotSaved) return Errors.NOT_SAVED;
        throw new IllegalStateException("unrendered outcome " + o);
    }

    /** A request the core loop could not run (shut down, or its actions failed). */
    static Resp of(Throwable failure) {
        Throwable cause = failure.getCause() != null && failure instanceof java.util.concurrent.CompletionException
                ? failure.getCause() : failure;
        if (cause instanceof java.util.concurrent.CancellationException) return Errors.SHUTTING_DOWN;
        return Resp.error("ERR internal error: " + cause);
    }
}
