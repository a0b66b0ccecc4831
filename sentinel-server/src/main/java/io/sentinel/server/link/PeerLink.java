package io.sentinel.server.link;

import io.netty.channel.Channel;
import io.sentinel.core.action.AskPeer;
import io.sentinel.core.input.CommandFailed;
import io.sentinel.core.input.InfoReceived;
import io.sentinel.core.input.LinkConnected;
import io.sentinel.core.input.LinkLost;
import io.sentinel.core.input.PingReplied;
import io.sentinel.core.input.VoteReplied;
import io.sentinel.core.model.LinkSettings;
import io.sentinel.core.model.Target;
import io.sentinel.server.transport.NettyResources;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The link to a peer sentinel: one command connection, authenticated with sentinel-user/sentinel-pass and named
 * like redis-sentinel's, reconnected with backoff. PING, PUBLISH hello, INFO and
 * {@code SENTINEL is-master-down-by-addr}; peers take commands under their own names (no rename-command).
 */
final class PeerLink implements Link {
    private final Target peer;
    private final LinkSettings settings;
    private final LinkOptions options;
    private final InputSink sink;
    private final FailureReports failures;
    private final RespSession session;

    PeerLink(Target peer, LinkSettings settings, NettyResources netty, LinkOptions options, InputSink sink,
             FreshAddresses addresses) {
        this.peer = peer;
        this.settings = settings;
        this.options = options;
        this.sink = sink;
        this.failures = new FailureReports(peer, sink);
        this.session = new RespSession("peer link " + peer.address(), peer.address(), addresses, new Steps(), null,
                netty, options);
    }

    @Override
    public LinkSettings settings() {
        return settings;
    }

    @Override
    public void start() {
        session.start();
    }

    @Override
    public CompletableFuture<Void> close() {
        return session.close();
    }

    @Override
    public void backOff() {
        session.backOff();
    }

    @Override
    public void ping() {
        call(CommandFailed.Command.PING, reply -> {
            if (reply instanceof String s) {
                failures.pingAnswered();
                sink.emit(new PingReplied(peer, s, false));
            }
            else if (reply instanceof RespCommandHandler.ReplyError e) {
                failures.pingRefused(e.text());
                sink.emit(new PingReplied(peer, e.text(), true));
            }
            else unexpected(CommandFailed.Command.PING, reply);
        }, "PING");
    }

    @Override
    public void info() {
        call(CommandFailed.Command.INFO, reply -> {
            if (reply instanceof String s) sink.emit(new InfoReceived(peer, s));
            else unexpected(CommandFailed.Command.INFO, reply);
        }, "INFO");
    }

    @Override
    public void publishHello(String payload) {
        call(CommandFailed.Command.PUBLISH_HELLO, reply -> {
            if (!(reply instanceof Long)) unexpected(CommandFailed.Command.PUBLISH_HELLO, reply);
        }, "PUBLISH", RedisHandshake.HELLO_CHANNEL, payload);
    }

    /** The reply is {@code [down (0/1), leader run id or "*", leader epoch]}, as sentinelReceiveIsMasterDownReply reads it. */
    @Override
    public void askPeer(AskPeer ask) {
        call(CommandFailed.Command.ASK_PEER, reply -> {
            if (reply instanceof List<?> l && l.size() == 3 && l.get(0) instanceof Long down
                    && l.get(1) instanceof String leader && l.get(2) instanceof Long epoch) {
                sink.emit(new VoteReplied(peer, ask.masterName(), down == 1, leader, epoch));
            } else {
                unexpected(CommandFailed.Command.ASK_PEER, reply);
            }
        }, "SENTINEL", "is-master-down-by-addr", ask.masterAddress().host(),
                Integer.toString(ask.masterAddress().port()), Long.toString(ask.epoch()), ask.runId());
    }

    private void unexpected(CommandFailed.Command kind, Object reply) {
        String reason = reply instanceof RespCommandHandler.ReplyError e ? e.text() : "unexpected reply: " + reply;
        sink.emit(new CommandFailed(peer, kind, reason));
    }

    private void call(CommandFailed.Command kind, Consumer<Object> onReply, String... args) {
        session.call(args).whenComplete((reply, err) -> {
            if (err != null) sink.emit(new CommandFailed(peer, kind, LinkErrors.reason(err)));
            else onReply.accept(reply);
        });
    }

    /**
     * AUTH with the settings the core chose (sentinel-user/sentinel-pass, else our requirepass; a peer without a
     * password may refuse it, as redis-sentinel ignores), then CLIENT SETNAME, as redis-sentinel does on a new peer
     * link.
     */
    private final class Steps implements RespSession.Steps {
        @Override
        public CompletableFuture<?> prepare(RespCommandHandler conn) {
            return RedisHandshake.auth(conn, settings)
                    .thenCompose(ok -> conn.call("CLIENT", "SETNAME", options.commandClientName()));
        }

        @Override
        public void up(Channel channel) {
            failures.connected();
            sink.emit(new LinkConnected(peer, LocalAddress.of(channel.localAddress()),
                    LocalAddress.of(channel.remoteAddress())));
        }

        @Override
        public void down(String reason) {
            sink.emit(new LinkLost(peer, reason));
        }

        @Override
        public void attemptFailed(Throwable cause) {
            failures.attemptFailed(cause);
        }
    }
}
