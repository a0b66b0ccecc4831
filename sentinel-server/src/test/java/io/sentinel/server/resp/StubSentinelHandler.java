package io.sentinel.server.resp;

import io.sentinel.server.command.SentinelCommandHandler;
import io.sentinel.server.command.ServerStats;
import io.sentinel.server.reply.Resp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A sentinel command handler for RESP server tests: SENTINEL MYID answers at once, SENTINEL FAILOVER answers only
 * when the test completes {@link #pending}; other subcommands echo their arguments. GET-MASTER-ADDR-BY-NAME is
 * answered at once with {@link #address}, the same object until a test replaces it (as a new view would).
 */
final class StubSentinelHandler implements SentinelCommandHandler {
    final List<CompletableFuture<Resp>> pending = new ArrayList<>();
    final List<List<String>> seen = new ArrayList<>();
    volatile ServerStats lastStats;
    volatile Resp address = Resp.bulks(List.of("127.0.0.1", "6379"));

    @Override
    public Resp answerNow(String subcommand, List<String> args) {
        return subcommand.equals("get-master-addr-by-name") ? address : null;
    }

    @Override
    public synchronized CompletionStage<Resp> sentinel(List<String> args) {
        seen.add(List.copyOf(args));
        String sub = args.get(1).toLowerCase(java.util.Locale.ROOT);
        if (sub.equals("myid")) return CompletableFuture.completedFuture(Resp.bulk("0123456789abcdef"));
        if (sub.equals("failover")) {
            CompletableFuture<Resp> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        }
        return CompletableFuture.completedFuture(Resp.bulks(args));
    }

    @Override
    public String info(List<String> sections, ServerStats stats) {
        lastStats = stats;
        return "# Server\r\nredis_mode:sentinel\r\nsections:" + String.join(",", sections) + "\r\n";
    }

    @Override
    public Resp role() {
        return Resp.array(List.of(Resp.bulk("sentinel"), Resp.bulks(List.of("mymaster"))));
    }
}
