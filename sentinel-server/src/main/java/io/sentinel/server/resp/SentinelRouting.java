package io.sentinel.server.resp;

import io.sentinel.server.command.SentinelCommandHandler;
import io.sentinel.server.command.ServerStats;
import io.sentinel.server.reply.Resp;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** SENTINEL (every subcommand), INFO and ROLE go to the injected {@link SentinelCommandHandler}. */
final class SentinelRouting {
    private final SentinelCommandHandler handler;
    private final Supplier<ServerStats> stats;
    private volatile EncodedReply lastShared;

    SentinelRouting(SentinelCommandHandler handler, Supplier<ServerStats> stats) {
        this.handler = handler;
        this.stats = stats;
    }

    void register(CommandDispatcher d) {
        for (CommandSpec spec : d.table().get("sentinel").subcommands().values()) {
            // interned: the handler's switch on the name then matches by identity
            String sub = spec.name().substring(spec.name().indexOf('|') + 1).intern();
            boolean shared = sub.equals("get-master-addr-by-name");
            d.define(spec.name(), (c, a) -> sentinel(c, sub, shared, a));
        }
        d.define("info", (c, a) -> c.reply(Resp.bulk(handler.info(a.subList(1, a.size()), stats.get()))));
        d.define("role", (c, a) -> c.reply(handler.role()));
    }

    /**
     * Read-only subcommands are answered at once, in this read batch; the rest hold a slot until the core answers.
     * A {@code shared} reply is one many clients get (a master's address): its bytes are kept while it stays the same.
     */
    private void sentinel(ClientConnection c, String sub, boolean shared, List<String> args) {
        CompletableFuture<Resp> f;
        try {
            Resp now = handler.answerNow(sub, args);
            if (now != null) {
                if (shared) c.reply(encoded(now));
                else c.reply(now);
                return;
            }
            f = handler.sentinel(args).toCompletableFuture();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        if (f.isDone() && !f.isCompletedExceptionally()) c.reply(f.join());
        else c.replyLater(f);
    }

    private EncodedReply encoded(Resp reply) {
        EncodedReply last = lastShared;
        if (last == null || last.source != reply) {
            last = EncodedReply.of(reply);
            lastShared = last;
        }
        return last;
    }
}
