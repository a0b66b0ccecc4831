package io.sentinel.server.resp;

import io.sentinel.core.reply.Resp;
import io.sentinel.server.command.SentinelCommandHandler;
import io.sentinel.server.command.ServerStats;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** SENTINEL (every subcommand), INFO and ROLE go to the injected {@link SentinelCommandHandler}. */
final class SentinelRouting {
    private final SentinelCommandHandler handler;
    private final Supplier<ServerStats> stats;

    SentinelRouting(SentinelCommandHandler handler, Supplier<ServerStats> stats) {
        this.handler = handler;
        this.stats = stats;
    }

    void register(CommandDispatcher d) {
        for (CommandSpec sub : d.table().get("sentinel").subcommands().values()) {
            d.define(sub.name(), this::sentinel);
        }
        d.define("info", (c, a) -> c.reply(Resp.bulk(handler.info(a.subList(1, a.size()), stats.get()))));
        d.define("role", (c, a) -> c.reply(handler.role()));
    }

    /** Read-only subcommands usually complete at once: then no slot is needed and the reply goes out in this batch. */
    private void sentinel(ClientConnection c, List<String> args) {
        CompletableFuture<Resp> f;
        try {
            f = handler.sentinel(args).toCompletableFuture();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        if (f.isDone() && !f.isCompletedExceptionally()) c.reply(f.join());
        else c.replyLater(f);
    }
}
