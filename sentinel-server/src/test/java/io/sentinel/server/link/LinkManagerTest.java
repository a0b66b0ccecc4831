package io.sentinel.server.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sentinel.core.action.AskPeer;
import io.sentinel.core.action.CloseLink;
import io.sentinel.core.action.OpenLink;
import io.sentinel.core.action.Outcome;
import io.sentinel.core.action.PromoteReplica;
import io.sentinel.core.action.PublishHello;
import io.sentinel.core.action.Reply;
import io.sentinel.core.action.RepointReplica;
import io.sentinel.core.action.RequestInfo;
import io.sentinel.core.action.SendPing;
import io.sentinel.core.event.Event;
import io.sentinel.core.event.EventType;
import io.sentinel.core.input.CommandFailed;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.LinkSettings;
import io.sentinel.core.model.Target;
import io.sentinel.server.it.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Without a Redis server: every command to a target without a link is answered, non-link actions are refused, and
 * an instance declared SDOWN is retried at the slow pace.
 */
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

    @Test
    void aLinkToAnInstanceDeclaredSdownRetriesOnceASecond() throws Exception {
        try (ServerSocket hangUp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger attempts = new AtomicInteger();
            Thread acceptor = new Thread(() -> {
                while (true) {
                    try (Socket s = hangUp.accept()) {
                        attempts.incrementAndGet();  // and closed at once: the link's handshake fails
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Address address = new Address("127.0.0.1", hangUp.getLocalPort());
            links.run(new OpenLink(Target.redis(address), LinkSettings.NONE));
            // two sessions (commands and hellos) retrying every 100 ms: about 20 attempts a second
            Await.until(Duration.ofSeconds(5), "fast retries", () -> attempts.get() >= 10);

            links.onEvent(new Event(EventType.SDOWN, "m", Event.Instance.master("m", address), null));
            Thread.sleep(300);  // lets the retries already scheduled at the fast pace run
            int before = attempts.get();
            Thread.sleep(2_000);  // the window measured, not a synchronisation
            int inTwoSeconds = attempts.get() - before;
            assertTrue(inTwoSeconds <= 6, "once a second per session after SDOWN, got " + inTwoSeconds);
            assertTrue(inTwoSeconds >= 2, "still retrying, got " + inTwoSeconds);
        }
    }
}
