package io.sentinel.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.sentinel.core.config.Timing;
import io.sentinel.core.input.AdminRequest;
import io.sentinel.core.input.CommandFailed;
import io.sentinel.core.input.HelloReceived;
import io.sentinel.core.input.InfoReceived;
import io.sentinel.core.input.Input;
import io.sentinel.core.input.LinkConnected;
import io.sentinel.core.input.LinkFailed;
import io.sentinel.core.input.LinkLost;
import io.sentinel.core.input.PingReplied;
import io.sentinel.core.input.Started;
import io.sentinel.core.input.Tick;
import io.sentinel.core.input.UsersChanged;
import io.sentinel.core.input.VoteReplied;
import io.sentinel.core.input.VoteRequested;
import io.sentinel.core.model.LinkFailure;
import io.sentinel.core.model.Target;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Java 17 has no pattern switch: every permitted input must reach a branch of Sentinel.dispatch. */
class SealedDispatchTest {
    static final Target MASTER = Target.redis(Fixtures.MASTER);

    static final Map<Class<?>, Input> SAMPLES = Map.ofEntries(
            Map.entry(Started.class, new Started()),
            Map.entry(Tick.class, new Tick()),
            Map.entry(LinkConnected.class, new LinkConnected(MASTER, "127.0.0.1")),
            Map.entry(LinkLost.class, new LinkLost(MASTER, "reset")),
            Map.entry(PingReplied.class, new PingReplied(MASTER, "PONG", false)),
            Map.entry(InfoReceived.class, new InfoReceived(MASTER, "# Replication\r\nrole:master\r\n")),
            Map.entry(HelloReceived.class, new HelloReceived("127.0.0.1,26380," + Fixtures.runId('b')
                    + ",0,mymaster,127.0.0.1,6379,0")),
            Map.entry(VoteReplied.class, new VoteReplied(Target.sentinel(Fixtures.MASTER), "mymaster", true, "*",
                    0)),
            Map.entry(CommandFailed.class, new CommandFailed(MASTER, CommandFailed.Command.PING, "timeout")),
            Map.entry(AdminRequest.class, new AdminRequest.FlushConfig(1)),
            Map.entry(VoteRequested.class, new VoteRequested(2, "127.0.0.1", 6379, 0, null)),
            Map.entry(LinkFailed.class, new LinkFailed(MASTER, LinkFailure.UNRESOLVED, "no such host")),
            Map.entry(UsersChanged.class, new UsersChanged(List.of("app on nopass -@all"))));

    @Test
    void everyPermittedInputIsHandled() {
        Class<?>[] permitted = Input.class.getPermittedSubclasses();
        assertEquals(SAMPLES.keySet().size(), permitted.length, "a new input needs a sample here: "
                + Arrays.toString(permitted));
        Sentinel sentinel = new Sentinel(Fixtures.config(Fixtures.master(2, 5000)), Timing.DEFAULTS,
                new SplittableRandom(3), 1);
        long now = 1;
        for (Class<?> c : permitted) {
            Input sample = SAMPLES.get(c);
            assertNotNull(sample, "no sample for " + c);
            long t = now += 100;
            assertDoesNotThrow(() -> sentinel.handle(sample, t), c.getSimpleName());
        }
    }
}
