package io.sentinel.server.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NettyResourcesTest {
    private final NettyResources netty = new NettyResources(2, 3);

    @AfterEach
    void close() {
        netty.close();
    }

    @Test
    void eachRoleHasItsOwnGroupMadeOnceWithTheThreadsItHadBefore() throws Exception {
        assertSame(netty.respClients(), netty.respClients());
        assertEquals(List.of("resp-accept", "false", "1"), describe(netty.respAcceptor()));
        assertEquals(List.of("resp-io", "false", "2"), describe(netty.respClients()));
        assertEquals(List.of("sentinel-link", "true", "3"), describe(netty.links()));
        assertEquals(List.of("sentinel-http", "true", "1"), describe(netty.http()));
    }

    @Test
    void theTransportIsChosenOnceForServersAndClients() {
        boolean epoll = Epoll.isAvailable();
        assertEquals(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class, netty.serverChannelType());
        assertEquals(epoll ? EpollSocketChannel.class : NioSocketChannel.class, netty.socketChannelType());
    }

    @Test
    void unixSocketsNeedEpollAndNioSaysSo() {
        if (Epoll.isAvailable()) assertEquals(EpollServerDomainSocketChannel.class, netty.serverDomainChannelType());
        NettyResources nio = new NettyResources(1, 1, false);
        try {
            assertEquals(NioServerSocketChannel.class, nio.serverChannelType());
            String msg = assertThrows(IllegalStateException.class, nio::serverDomainChannelType).getMessage();
            assertTrue(msg.startsWith("a Unix socket needs Netty's native epoll transport (Linux)"), msg);
        } finally {
            nio.close();
        }
    }

    @Test
    void closeEndsEveryGroupMadeAndNoneCanBeMadeAfter() {
        EventLoopGroup links = netty.links();
        EventLoopGroup http = netty.http();
        links.next().execute(() -> { }); // a started thread must end too
        netty.close();
        assertTrue(links.isTerminated() && http.isTerminated(), "both groups terminated");
        assertThrows(IllegalStateException.class, netty::respClients);
        netty.close(); // twice is harmless
    }

    @Test
    void closingWithoutAnyGroupIsHarmless() {
        new NettyResources(1, 1).close();
    }

    /** Thread name prefix, daemon flag and thread count of {@code group}, as its threads report them. */
    private static List<String> describe(EventLoopGroup group) throws Exception {
        List<String> names = new ArrayList<>();
        String daemon = null;
        int threads = 0;
        for (EventExecutor e : group) {
            threads++;
            Thread t = e.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
            names.add(t.getName());
            daemon = Boolean.toString(t.isDaemon());
        }
        String prefix = names.get(0).replaceAll("-\\d+-\\d+$", "");
        assertTrue(names.stream().allMatch(n -> n.startsWith(prefix + "-")), names.toString());
        return List.of(prefix, daemon, Integer.toString(threads));
    }
}
