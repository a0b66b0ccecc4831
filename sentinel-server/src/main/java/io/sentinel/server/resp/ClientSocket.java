package io.sentinel.server.resp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import jdk.net.ExtendedSocketOptions;

/** Socket options of an accepted client, as redis-server sets them. */
final class ClientSocket {
    private ClientSocket() {
    }

    /**
     * tcp-keepalive: Redis's anetKeepAlive, a probe after {@code seconds} idle, then every third of that (at least
     * 1 s), dropped after 3 unanswered; 0 leaves keepalive off, as Redis does not set it then.
     */
    static void keepAlive(Channel ch, int seconds) {
        boolean on = seconds > 0;
        int interval = Math.max(1, seconds / 3);
        if (ch instanceof EpollSocketChannel) {
            EpollSocketChannel e = (EpollSocketChannel) ch;
            e.config().setKeepAlive(on);
            if (on) e.config().setTcpKeepIdle(seconds).setTcpKeepIntvl(interval).setTcpKeepCnt(3);
        } else if (ch instanceof NioSocketChannel) {
            ch.config().setOption(ChannelOption.SO_KEEPALIVE, on);
            if (on) {
                ch.config().setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), seconds);
                ch.config().setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), interval);
                ch.config().setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), 3);
            }
        }
    }
}
