package io.sentinel.server.compat;

import io.sentinel.server.command.SentinelCommandHandler;
import io.sentinel.server.command.ServerStats;
import io.sentinel.server.reply.Resp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Our side before the server is wired: calls {@link SentinelCommandHandler} directly and encodes its {@link Resp}
 * the way a RESP2 or RESP3 connection would (maps flat under RESP2, nulls {@code _} under RESP3, INFO a bulk
 * string as redis-sentinel 7.0 sends it). Commands other than SENTINEL, INFO and ROLE give null.
 */
public final class RendererSource implements ReplySource {
    private final SentinelCommandHandler handler;
    private final int protocol;
    private final ServerStats stats;

    public RendererSource(SentinelCommandHandler handler, int protocol, ServerStats stats) {
        this.handler = handler;
        this.protocol = protocol;
        this.stats = stats;
    }

    @Override
    public RespNode call(String... args) {
        List<String> argv = Arrays.asList(args);
        switch (args[0].toLowerCase(Locale.ROOT)) {
            case "sentinel": return encode(handler.sentinel(argv).toCompletableFuture().join());
            case "info": return RespNode.scalar('$', handler.info(argv.subList(1, argv.size()), stats));
            case "role": return encode(handler.role());
            default: return null;
        }
    }

    RespNode encode(Resp r) {
        if (r instanceof Resp.Simple s) return RespNode.scalar('+', s.value());
        if (r instanceof Resp.ErrorReply e) return RespNode.scalar('-', e.message());
        if (r instanceof Resp.Int i) return RespNode.scalar(':', Long.toString(i.value()));
        if (r instanceof Resp.Bulk b) return RespNode.scalar('$', b.value());
        if (r instanceof Resp.Arr a) return RespNode.aggregate('*', all(a.items()));
        if (r instanceof Resp.MapReply m) return RespNode.aggregate(protocol == 3 ? '%' : '*', all(m.entries()));
        if (r instanceof Resp.SetReply s) return RespNode.aggregate(protocol == 3 ? '~' : '*', all(s.items()));
        if (r instanceof Resp.NullReply n) return RespNode.nil(protocol == 3 ? '_' : n.array() ? '*' : '$');
        if (r instanceof Resp.Dbl d) return RespNode.scalar(protocol == 3 ? ',' : '$', Double.toString(d.value()));
        if (r instanceof Resp.Verbatim v) return RespNode.scalar(protocol == 3 ? '=' : '$', v.text());
        if (r instanceof Resp.Push p) return RespNode.aggregate(protocol == 3 ? '>' : '*', all(p.items()));
        throw new IllegalStateException("unhandled reply type " + r);
    }

    private List<RespNode> all(List<Resp> items) {
        List<RespNode> out = new ArrayList<>(items.size());
        for (Resp item : items) out.add(encode(item));
        return out;
    }
}
