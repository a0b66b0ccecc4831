package io.sentinel.server.link;

import io.sentinel.core.model.Address;
import io.sentinel.server.runtime.MonotonicClock;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FreshAddressesTest {
    private static final long TIMEOUT_MILLIS = 200;
    private final TableResolver table = new TableResolver();
    private final FreshAddresses addresses = new FreshAddresses(table, TIMEOUT_MILLIS, MonotonicClock::millis);

    private InetSocketAddress lookup(String host) throws Exception {
        return addresses.lookup(new Address(host, 6379)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void anIpLiteralIsNeverLookedUp() throws Exception {
        assertEquals("127.0.0.9", lookup("127.0.0.9").getAddress().getHostAddress());
        assertEquals("0:0:0:0:0:0:0:1", lookup("::1").getAddress().getHostAddress());
        assertEquals(0, table.lookups.get());
    }

    @Test
    void everyAttemptAsksAgainSoAMovedNameIsFollowedAtOnce() throws Exception {
        table.put("rs-2", "127.0.0.2");
        InetSocketAddress first = lookup("rs-2");
        assertEquals("127.0.0.2", first.getAddress().getHostAddress());
        assertEquals("rs-2", first.getHostString(), "logs show the name with the address");
        table.put("rs-2", "127.0.0.3");
        assertEquals("127.0.0.3", lookup("rs-2").getAddress().getHostAddress());
        assertEquals(2, table.lookups.get());
        assertEquals("127.0.0.3", addresses.lastKnown("rs-2").getHostAddress());
    }

    @Test
    void aFailedLookupUsesTheLastKnownAddress() throws Exception {
        table.put("rs-2", "127.0.0.2");
        lookup("rs-2");
        table.remove("rs-2");
        assertEquals("127.0.0.2", lookup("rs-2").getAddress().getHostAddress());
    }

    @Test
    void aHangingLookupIsAwaitedOnceThenTheLastKnownAddressIsUsedAtOnce() throws Exception {
        table.put("rs-2", "127.0.0.2");
        lookup("rs-2");
        table.hang(true);
        long started = System.nanoTime();
        assertEquals("127.0.0.2", lookup("rs-2").getAddress().getHostAddress());
        long firstMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(firstMillis >= TIMEOUT_MILLIS - 20, "waited " + firstMillis + " ms for the hanging lookup");

        started = System.nanoTime();
        CompletableFuture<InetSocketAddress> again = addresses.lookup(new Address("rs-2", 6379));
        assertTrue(again.isDone(), "a lookup already hanging past the timeout is not awaited again");
        assertEquals("127.0.0.2", again.get().getAddress().getHostAddress());
        assertEquals(2, table.lookups.get(), "one lookup per name at a time, even while it hangs");
    }

    @Test
    void aNameNeverResolvedFailsTheAttemptWithTheReason() {
        ExecutionException unknown = assertThrows(ExecutionException.class, () -> lookup("rs-9"));
        assertEquals("cannot resolve rs-9: rs-9: not in the table", LinkErrors.reason(unknown));
        table.hang(true);
        ExecutionException hanging = assertThrows(ExecutionException.class, () -> lookup("rs-8"));
        assertEquals("cannot resolve rs-8: timeout", LinkErrors.reason(hanging));
    }

    @Test
    void aNameThatResolvesLaterIsFoundOnTheNextAttempt() throws Exception {
        assertThrows(ExecutionException.class, () -> lookup("rs-2"));
        table.put("rs-2", "127.0.0.4");
        assertEquals("127.0.0.4", lookup("rs-2").getAddress().getHostAddress());
    }
}
