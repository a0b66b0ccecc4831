package io.sentinel.server.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sentinel.core.Sentinel;
import io.sentinel.core.action.Action;
import io.sentinel.core.action.Outcome;
import io.sentinel.core.action.Reply;
import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.config.Timing;
import io.sentinel.core.input.Started;
import io.sentinel.core.model.Address;
import io.sentinel.server.reply.Resp;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The whole seam with a real core: parse, decide, render; the texts are redis-sentinel 7.0's. */
class CoreRepliesTest {
    private final Sentinel core = new Sentinel(withMaster(SentinelConfig.defaults("/tmp")), Timing.DEFAULTS,
            new SplittableRandom(1), 1000);
    private long now = 1000;
    private final SentinelCommands commands = new SentinelCommands(() -> core.view(now), () -> core.state().config,
            input -> {
                List<Action> out = core.handle(input.apply(1), now += 10);
                for (Action a : out) {
                    if (a instanceof Reply r) return CompletableFuture.completedFuture(r.outcome());
                }
                return CompletableFuture.<Outcome>failedFuture(new AssertionError("no reply in " + out));
            }, () -> now, new InfoCommand(ServerInfo.current("test", ""), () -> 0, () -> new CpuUsage(0, 0, 0, 0)),
            List::of);

    private static SentinelConfig withMaster(SentinelConfig c) {
        return new SentinelConfig(c.port(), c.bind(), c.dir(), c.logfile(), c.protectedMode(), c.requirePass(),
                c.users(), "a".repeat(40), c.currentEpoch(), c.announceIp(), c.announcePort(), c.resolveHostnames(),
                c.announceHostnames(), c.denyScriptsReconfig(), c.sentinelUser(), c.sentinelPass(),
                List.of(MasterConfig.withDefaults("mymaster", new Address("127.0.0.1", 6379), 2)),
                c.forgetUnresolvedAfterMillis());
    }

    private Resp call(String... args) {
        return commands.sentinel(List.of(args)).toCompletableFuture().getNow(null);
    }

    @Test
    void theCoresRefusalsInRedisWords() {
        core.handle(new Started(), now);
        assertEquals(Resp.error("ERR No such master with that name"), call("sentinel", "failover", "nosuch"));
        assertEquals(Resp.error("NOGOODSLAVE No suitable replica to promote"), call("sentinel", "failover",
                "mymaster"));
        assertEquals(Resp.error("ERR Invalid IP address or hostname specified"),
                call("sentinel", "monitor", "x", "nohost", "6379", "2"));
        assertEquals(Resp.error("ERR Duplicate master name."),
                call("sentinel", "monitor", "mymaster", "127.0.0.1", "6379", "2"));
        assertEquals(Resp.error("ERR No such master with that name"), call("sentinel", "remove", "nosuch"));
        assertEquals(Resp.error("ERR Invalid argument 'abc' for SENTINEL SET 'quorum'"),
                call("sentinel", "set", "mymaster", "quorum", "abc"));
        assertEquals(Resp.error("ERR Unknown option or number of arguments for SENTINEL SET 'foo'"),
                call("sentinel", "set", "mymaster", "foo", "1"));
        assertEquals(Resp.error("ERR Reconfiguration of scripts path is denied for security reasons. Check the "
                + "deny-scripts-reconfig configuration directive in your config file before attempting to "
                + "reconfigure the script path."), call("sentinel", "set", "mymaster", "notification-script", "/x"));
    }

    /** Issue 14: Valkey 9's words for FAILOVER's COORDINATED option; the command table takes 3 or 4 words. */
    @Test
    void failoverCoordinatedInValkeysWords() {
        core.handle(new Started(), now);
        assertEquals(Resp.error("NOGOODPRIMARY Primary does not support FAILOVER command"),
                call("sentinel", "failover", "mymaster", "coordinated"), "no INFO with master_failover_state yet");
        assertEquals(Resp.error("NOGOODPRIMARY Primary does not support FAILOVER command"),
                call("sentinel", "FAILOVER", "mymaster", "Coordinated"));
        assertEquals(Resp.error("ERR No such master with that name"),
                call("sentinel", "failover", "nosuch", "coordinated"));
        assertEquals(Resp.error("ERR Unknown failover option specified"),
                call("sentinel", "failover", "mymaster", "now"));
        assertEquals(Resp.error("ERR wrong number of arguments for 'sentinel|failover' command"),
                call("sentinel", "failover", "mymaster", "coordinated", "x"));
    }

    @Test
    void theCoresAnswersInRedisShapes() {
        core.handle(new Started(), now);
        assertEquals(Resp.OK, call("sentinel", "set", "mymaster", "quorum", "1"));
        assertEquals(Resp.integer(1), call("sentinel", "reset", "my*"));
        assertEquals(Resp.array(List.of(Resp.integer(0), Resp.bulk("*"), Resp.integer(0))),
                call("sentinel", "is-master-down-by-addr", "127.0.0.1", "6379", "0", "*"));
        assertEquals(Resp.array(List.of(Resp.integer(0), Resp.bulk("abc"), Resp.integer(5))),
                call("sentinel", "is-master-down-by-addr", "127.0.0.1", "6379", "5", "abc"));
    }
}
