package io.sentinel.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** tcp-keepalive on real sockets, read back from the kernel. */
class ClientSocketTest {
    @Test
    void epollSocketGetsRedisKeepaliveTimers() {
        Assumptions.assumeTrue(Epoll.isAvailable());
        EpollSocketChannel ch = new EpollSocketChannel();
        try {
            ClientSocket.keepAlive(ch, 300);
            assertTrue(ch.config().isKeepAlive());
            assertEquals(300, ch.config().getTcpKeepIdle());
            assertEquals(100, ch.config().getTcpKeepIntvl());
            assertEquals(3, ch.config().getTcpKeepCnt());
            ClientSocket.keepAlive(ch, 0);
            assertFalse(ch.config().isKeepAlive(), "tcp-keepalive 0: off");
        } finally {
            ch.unsafe().closeForcibly();
        }
    }

    @Test
    void nioSocketToo() {
        NioSocketChannel ch = new NioSocketChannel();
        try {
            ClientSocket.keepAlive(ch, 2);
            assertTrue(ch.config().getOption(ChannelOption.SO_KEEPALIVE));
            assertEquals(2, ch.config().getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE)));
            assertEquals(1, ch.config().getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL)),
                    "a third of 2 s, at least 1 s");
        } finally {
            ch.unsafe().closeForcibly();
        }
    }
}
