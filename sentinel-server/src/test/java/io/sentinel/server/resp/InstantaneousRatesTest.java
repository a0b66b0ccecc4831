package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InstantaneousRatesTest {
    @Test
    void meanOfTheLastSixteenRatesPerSecond() {
        AtomicLong counter = new AtomicLong();
        InstantaneousRates rates = new InstantaneousRates(counter::get, 0);
        for (int i = 1; i <= 16; i++) {
            counter.addAndGet(10);
            rates.sample(i * 100L);
        }
        assertEquals(100.0, rates.perSecond(), 1e-9);
        for (int i = 17; i <= 24; i++) rates.sample(i * 100L);
        assertEquals(50.0, rates.perSecond(), 1e-9, "half the window idle");
    }
}
