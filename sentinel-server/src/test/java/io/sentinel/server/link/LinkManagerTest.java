package io.sentinel.server.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sentinel.core.action.AskPeer;
import io.sentinel.core.action.CloseLink;
import io.sentinel.core.action.Outcome;
import io.sentinel.core.action.PromoteReplica;
import io.sentinel.core.action.PublishHello;
import io.sentinel.core.action.Reply;
import io.sentinel.core.action.RepointReplica;
import io.sentinel.core.action.RequestInfo;
import io.sentinel.core.action.SendPing;
import io.sentinel.core.input.CommandFailed;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Without any server: every command to a target without a link is answered, and non-link actions are refused. */
class LinkManagerTest {
    private final Inputs inputs = new Inputs();
    private final LinkManager links = new LinkManager(LinkOptions.forSentinel("abc"), inputs);
    private final Target redis = Target.redis(new Address("127.0.0.1", 1));
    private final Target peer = Target.sentinel(new Address("127.0.0.1", 2));

    @AfterEach
    void tearDown() {
        links.close();
    }

    @Test
    void commandsWithoutALinkFailOnceEach() throws InterruptedException {
        links.run(new SendPing(redis));
        links.run(new RequestInfo(redis));
        links.run(new PublishHello(redis, "x"));
        links.run(new AskPeer(peer, "m", new Address("127.0.0.1", 3), 1, "*"));
        links.run(new PromoteReplica(redis));
        links.run(new RepointReplica(redis, new Address("127.0.0.1", 3)));
        links.run(new CloseLink(redis)); // idempotent, no answer
        List<CommandFailed.Command> failed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            failed.add(inputs.await(CommandFailed.class, Duration.ofSeconds(5)).command());
        }
        assertEquals(List.of(CommandFailed.Command.PING, CommandFailed.Command.INFO,
                CommandFailed.Command.PUBLISH_HELLO, CommandFailed.Command.ASK_PEER, CommandFailed.Command.PROMOTE,
                CommandFailed.Command.REPOINT), failed);
    }

    @Test
    void refusesActionsThatAreNotLinkActions() {
        assertThrows(IllegalArgumentException.class, () -> links.run(new Reply(1, Outcome.OK)));
    }
}
