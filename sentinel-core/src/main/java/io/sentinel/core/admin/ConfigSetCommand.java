package io.sentinel.core.admin;

import io.sentinel.core.Effects;
import io.sentinel.core.SentinelState;
import io.sentinel.core.action.Outcome;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.input.GlobalChange;
import java.util.List;

/**
 * {@code SENTINEL CONFIG SET <option> <value> ...} (sentinelConfigSetCommand, Redis 7.2's several at once); GET is
 * answered from the config.
 */
final class ConfigSetCommand {
    private ConfigSetCommand() {
    }

    static Outcome run(SentinelState s, List<GlobalChange> changes, Effects out) {
        boolean relinkPeers = false;
        for (GlobalChange change : changes) relinkPeers |= apply(s, change);
        out.persist();
        if (relinkPeers) s.reopenPeerLinks(out);
        return Outcome.OK;
    }

    /** Applies one change; true when the peer links must log in again. */
    private static boolean apply(SentinelState s, GlobalChange change) {
        SentinelConfig c = s.config;
        boolean relinkPeers = false;
        if (change instanceof GlobalChange.ResolveHostnames v) {
            s.config = with(c, v.yes(), c.announceHostnames(), c.announceIp(), c.announcePort(), c.sentinelUser(),
                    c.sentinelPass());
        } else if (change instanceof GlobalChange.AnnounceHostnames v) {
            s.config = with(c, c.resolveHostnames(), v.yes(), c.announceIp(), c.announcePort(), c.sentinelUser(),
                    c.sentinelPass());
        } else if (change instanceof GlobalChange.AnnounceIp v) {
            s.config = with(c, c.resolveHostnames(), c.announceHostnames(), v.ip(), c.announcePort(),
                    c.sentinelUser(), c.sentinelPass());
        } else if (change instanceof GlobalChange.AnnouncePort v) {
            s.config = with(c, c.resolveHostnames(), c.announceHostnames(), c.announceIp(), v.port(),
                    c.sentinelUser(), c.sentinelPass());
        } else if (change instanceof GlobalChange.ForgetUnresolvedAfter v) {
            s.config = new SentinelConfig(c.port(), c.bind(), c.dir(), c.logfile(), c.protectedMode(),
                    c.requirePass(), c.users(), c.myid(), c.currentEpoch(), c.announceIp(), c.announcePort(),
                    c.resolveHostnames(), c.announceHostnames(), c.denyScriptsReconfig(), c.sentinelUser(),
                    c.sentinelPass(), c.masters(), v.millis());
        } else if (change instanceof GlobalChange.SentinelUser v) {
            s.config = with(c, c.resolveHostnames(), c.announceHostnames(), c.announceIp(), c.announcePort(),
                    v.user(), c.sentinelPass());
            relinkPeers = true;
        } else if (change instanceof GlobalChange.SentinelPass v) {
            s.config = with(c, c.resolveHostnames(), c.announceHostnames(), c.announceIp(), c.announcePort(),
                    c.sentinelUser(), v.pass());
            relinkPeers = true;
        } else {
            throw new IllegalStateException("unhandled global change " + change);
        }
        return relinkPeers;
    }

    private static SentinelConfig with(SentinelConfig c, boolean resolve, boolean announceHostnames,
            String announceIp, int announcePort, String user, String pass) {
        return new SentinelConfig(c.port(), c.bind(), c.dir(), c.logfile(), c.protectedMode(), c.requirePass(),
                c.users(), c.myid(), c.currentEpoch(), announceIp, announcePort, resolve, announceHostnames,
                c.denyScriptsReconfig(), user, pass, c.masters(), c.forgetUnresolvedAfterMillis());
    }
}
