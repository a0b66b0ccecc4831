package io.sentinel.server.resp;

import io.sentinel.server.command.Errors;
import io.sentinel.server.reply.Resp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * (P)(UN)SUBSCRIBE and PUBLISH. Confirmations are pushes under RESP3, arrays under RESP2, one per channel, carrying
 * the client's total subscription count. PUBLISH is what redis-sentinel allows: only to {@code __sentinel__:hello},
 * handed to the hello listener (another sentinel announcing itself) and answered 1 without reaching subscribers.
 */
final class PubSubCommands {
    static final String HELLO_CHANNEL = "__sentinel__:hello";

    private final PubSub pubSub;
    private final Consumer<String> helloListener;

    PubSubCommands(PubSub pubSub, Consumer<String> helloListener) {
        this.pubSub = pubSub;
        this.helloListener = helloListener;
    }

    void register(CommandDispatcher d) {
        d.define("subscribe", (c, a) -> each(c, "subscribe", a, pubSub::subscribe));
        d.define("psubscribe", (c, a) -> each(c, "psubscribe", a, pubSub::psubscribe));
        d.define("unsubscribe", (c, a) -> unsubscribe(c, "unsubscribe", a, c.channels(), pubSub::unsubscribe));
        d.define("punsubscribe", (c, a) -> unsubscribe(c, "punsubscribe", a, c.patterns(), pubSub::punsubscribe));
        d.define("publish", this::publish);
    }

    private interface Change {
        boolean apply(ClientConnection c, String name);
    }

    private static void each(ClientConnection c, String kind, List<String> args, Change change) {
        for (String name : args.subList(1, args.size())) {
            change.apply(c, name);
            c.reply(confirmation(kind, Resp.bulk(name), c.subscriptionCount()));
        }
    }

    /** Without arguments: every current one, or a single confirmation with a null name when there are none. */
    private static void unsubscribe(ClientConnection c, String kind, List<String> args,
            Set<String> current, Change change) {
        List<String> names = args.size() > 1 ? args.subList(1, args.size()) : new ArrayList<>(current);
        if (names.isEmpty()) {
            c.reply(confirmation(kind, Resp.NULL, c.subscriptionCount()));
            return;
        }
        each(c, kind, prepend(kind, names), change);
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> out = new ArrayList<>(rest.size() + 1);
        out.add(first);
        out.addAll(rest);
        return out;
    }

    private static Resp confirmation(String kind, Resp name, int count) {
        return new Resp.Push(List.of(Resp.bulk(kind), name, Resp.integer(count)));
    }

    private void publish(ClientConnection c, List<String> args) {
        if (!args.get(1).equals(HELLO_CHANNEL)) {
            c.reply(Errors.reply(Errors.ONLY_HELLO));
            return;
        }
        helloListener.accept(args.get(2));
        c.reply(Resp.integer(1));
    }
}
