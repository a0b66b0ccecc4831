package io.sentinel.server.link;

import io.sentinel.core.action.OpenLink;
import io.sentinel.core.model.Address;
import io.sentinel.core.model.LinkSettings;
import io.sentinel.core.model.Target;
import org.junit.jupiter.api.AfterEach;

import java.time.Duration;

/**
 * What the Redis link ITs share: a link manager with short timeouts and reconnects, the inputs it delivers, and the
 * real redis-server a test starts; both are closed after each test.
 */
abstract class RedisLinkFixture {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final long TIMEOUT_MILLIS = 500;

    final Inputs inputs = new Inputs();
    final LinkManager links = new LinkManager(
            LinkOptions.forSentinel("0123456789abcdef").withCommandTimeoutMillis(TIMEOUT_MILLIS)
                    .withReconnectMillis(50, 300), inputs);
    LinkTestProcess redis;

    @AfterEach
    void tearDown() throws Exception {
        links.close();
        if (redis != null) redis.close();
    }

    /** Opens a link to the test's redis-server. */
    Target open(LinkSettings settings) {
        Target target = Target.redis(new Address("127.0.0.1", redis.port()));
        links.run(new OpenLink(target, settings));
        return target;
    }
}
