package io.sentinel.core.monitor;

import io.sentinel.core.model.LinkFailure;
import io.sentinel.core.model.LinkSettings;
import io.sentinel.core.model.Target;

/**
 * The core's view of one link (redis-sentinel's instanceLink): shared by every instance at the same target, e.g. a
 * peer sentinel that watches several of our masters. Times are monotonic milliseconds.
 */
public final class LinkState {
    public final Target target;
    public int refcount;
    public boolean connected;
    public int pendingCommands;
    /** act_ping_time: when the oldest unanswered PING was sent; 0 when none is pending. */
    public long pingSentAt;
    /** last_ping_time: when the last PING was sent. */
    long lastPingSentAt;
    /** last_avail_time: last valid PING reply (PONG, LOADING, MASTERDOWN); creation time at first. */
    public long lastOkPingReplyAt;
    /** last_pong_time: last PING reply of any kind. */
    public long lastPingReplyAt;
    public long connectedSince;
    /** Why the link cannot be used (null when it can): set by LinkFailed, cleared by a connection or a valid PONG. */
    public LinkFailure failure;
    public String failureDetail;
    public long failingSince;
    /** What the last OpenLink asked for, and when: a link that stays down is asked for again (see Links). */
    LinkSettings settings;
    long openRequestedAt;
    /**
     * INFO requests sent on this link, and answers (replies or failures) received: the shell answers each request
     * once and in order, so answer number n answers request number n, and a reply can be told to be newer than a
     * command sent before its request (a hand-over, say). Per link, not per instance: a promoted replica's link
     * carries on under the new master's state with its requests in flight.
     */
    public long infoRequests;
    public long infoAnswers;
    /** The number of the request the latest INFO reply answered. */
    public long infoReplySeq;

    public LinkState(Target target, long now) {
        this.target = target;
        this.lastOkPingReplyAt = now;
        this.lastPingReplyAt = now;
    }
}
