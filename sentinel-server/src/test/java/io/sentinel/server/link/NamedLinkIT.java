package io.sentinel.server.link;

import io.sentinel.core.action.OpenLink;
import io.sentinel.core.action.SendPing;
import io.sentinel.core.input.LinkConnected;
import io.sentinel.core.input.LinkLost;
import io.sentinel.core.input.PingReplied;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.LinkSettings;
import io.sentinel.core.model.Target;
import io.sentinel.server.it.Await;
import io.sentinel.server.it.ProcessScope;
import io.sentinel.server.it.RedisProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis and peer links to instances known by name, against real redis-servers on distinct loopback addresses, with
 * the name table injected: a server restarted at a new address under its name is reconnected on the next attempt,
 * a hanging lookup falls back to the last address, a name that resolves only later is found then.
 */
class NamedLinkIT {
    static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final ProcessScope processes = new ProcessScope();
    private final Inputs inputs = new Inputs();
    private final TableResolver table = new TableResolver();
    private final LinkManager links = new LinkManager(LinkOptions.forSentinel("0123456789abcdef")
            .withCommandTimeoutMillis(1000).withReconnectMillis(100, 1000).withResolveTimeoutMillis(200),
            table, inputs);

    @AfterEach
    void closeLinks() {
        links.close();
    }

    private RedisProcess redisAt(String ip, int port) {
        return processes.add(RedisProcess.builder().name("rs-" + ip.replace('.', '-')).bind(ip).port(port).start());
    }

    private long movedAndReconnectedMillis(Target target, RedisProcess old, String newIp) throws Exception {
        old.sigkill();
        inputs.await(LinkLost.class, l -> l.target().equals(target), WAIT);
        table.put(target.address().host(), newIp);
        redisAt(newIp, target.address().port());
        long upAt = System.nanoTime();
        inputs.await(LinkConnected.class, c -> c.target().equals(target), WAIT);
        return (System.nanoTime() - upAt) / 1_000_000;
    }

    @Test
    void aRedisServerMovedUnderItsNameIsReconnectedAtTheNewAddressAtOnce() throws Exception {
        RedisProcess old = redisAt("127.0.0.2", 0);
        table.put("rs-2.test", "127.0.0.2");
        Target target = Target.redis(new Address("rs-2.test", old.port()));
        links.run(new OpenLink(target, LinkSettings.NONE));
        inputs.await(LinkConnected.class, c -> c.target().equals(target), WAIT);

        long millis = movedAndReconnectedMillis(target, old, "127.0.0.3");
        System.out.println("redis link reconnected " + millis + " ms after the server was up at its new address");
        assertTrue(millis < 1500, "reconnected after " + millis + " ms, not within one reconnect period");
        links.run(new SendPing(target));
        assertEquals(new PingReplied(target, "PONG", false), inputs.await(PingReplied.class, WAIT));
    }

    @Test
    void aPeerMovedUnderItsNameIsReconnectedAtTheNewAddress() throws Exception {
        RedisProcess old = redisAt("127.0.0.4", 0); // any RESP server takes the peer link's PING and SETNAME
        table.put("sentinel-1.test", "127.0.0.4");
        Target peer = Target.sentinel(new Address("sentinel-1.test", old.port()));
        links.run(new OpenLink(peer, LinkSettings.NONE));
        inputs.await(LinkConnected.class, c -> c.target().equals(peer), WAIT);

        long millis = movedAndReconnectedMillis(peer, old, "127.0.0.5");
        assertTrue(millis < 1500, "reconnected after " + millis + " ms");
    }

    @Test
    void whileLookupsHangTheLastAddressIsUsed() throws Exception {
        RedisProcess redis = redisAt("127.0.0.6", 0);
        table.put("rs-6.test", "127.0.0.6");
        Target target = Target.redis(new Address("rs-6.test", redis.port()));
        links.run(new OpenLink(target, LinkSettings.NONE));
        inputs.await(LinkConnected.class, c -> c.target().equals(target), WAIT);

        table.hang(true);
        redis.restart();
        inputs.await(LinkLost.class, l -> l.target().equals(target), WAIT);
        inputs.await(LinkConnected.class, c -> c.target().equals(target), WAIT);
    }

    @Test
    void aNameThatResolvesOnlyLaterIsConnectedThen() throws Exception {
        RedisProcess redis = redisAt("127.0.0.7", 0);
        Target target = Target.redis(new Address("rs-7.test", redis.port()));
        links.run(new OpenLink(target, LinkSettings.NONE));
        Await.until(WAIT, "three lookups of a name not in the table", () -> table.lookups.get() >= 3);
        table.put("rs-7.test", "127.0.0.7");
        inputs.await(LinkConnected.class, c -> c.target().equals(target), WAIT);
    }
}
