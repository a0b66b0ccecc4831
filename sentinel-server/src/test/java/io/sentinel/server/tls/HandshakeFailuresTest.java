package io.sentinel.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class HandshakeFailuresTest {
    @Test
    void everyFailureCountsAndSuccessesDoNot() {
        HandshakeFailures f = new HandshakeFailures("from");
        for (int i = 0; i < 5; i++) f.failed("10.0.0.1", new SSLHandshakeException("Empty client certificate chain"));
        f.succeeded("10.0.0.1");
        f.failed("10.0.0.1", new RuntimeException(new SSLHandshakeException("again")));
        assertEquals(6, f.total());
    }

    @Test
    void aScanCannotGrowWhatIsRemembered() {
        HandshakeFailures f = new HandshakeFailures("from");
        for (int i = 0; i < HandshakeFailures.MAX_REMEMBERED + 5; i++) f.failed("10.0." + i, new RuntimeException());
        assertEquals(HandshakeFailures.MAX_REMEMBERED + 5L, f.total());
    }
}
