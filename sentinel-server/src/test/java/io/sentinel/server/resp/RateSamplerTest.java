package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.sentinel.server.it.Await;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateSamplerTest {
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final AtomicLong ops = new AtomicLong();
    private final RateSampler sampler = new RateSampler(ops::get, () -> 0, () -> 0, System::currentTimeMillis);

    @AfterEach
    void stop() throws InterruptedException {
        sampler.close();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5_000);
    }

    @Test
    void stopsAfterAWindowOfZerosAndStartsAgainOnTraffic() {
        sampler.start(loop);
        assertTrue(sampler.sampling(), "samples from the start");
        Await.until(Duration.ofSeconds(10), "sampling stops after 16 zero samples", () -> !sampler.sampling());
        assertEquals(0.0, sampler.ops.perSecond());

        ops.addAndGet(50);
        sampler.traffic();
        assertTrue(sampler.sampling(), "traffic starts it again");
        Await.until(Duration.ofSeconds(5), "the commands show in the rate", () -> sampler.ops.perSecond() > 0);
        Await.until(Duration.ofSeconds(10), "and it stops again once they are out of the window",
                () -> !sampler.sampling() && sampler.ops.perSecond() == 0);
    }

    @Test
    void keepsSamplingWhileTheCounterMoves() throws Exception {
        sampler.start(loop);
        long until = System.nanoTime() + Duration.ofMillis(2_500).toNanos();
        while (System.nanoTime() < until) {
            ops.incrementAndGet();
            sampler.traffic();
            assertTrue(sampler.sampling(), "never paused with a command every 50 ms");
            Thread.sleep(50);  // the load itself: one command every 50 ms, not a synchronisation
        }
        assertTrue(sampler.ops.perSecond() > 5, "about 20 per second: " + sampler.ops.perSecond());
    }
}
