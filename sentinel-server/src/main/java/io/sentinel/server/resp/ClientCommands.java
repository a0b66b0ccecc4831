package io.sentinel.server.resp;

import io.sentinel.server.command.Errors;
import io.sentinel.server.reply.Resp;
import io.sentinel.server.runtime.MonotonicClock;
import java.util.List;
import java.util.Locale;

/** CLIENT and its subcommands, as Redis 7.0 has them (no SETINFO: that came with 7.2). */
final class ClientCommands {
    private final ClientRegistry registry;
    private final Users users;
    private final HelpTexts help;

    ClientCommands(ClientRegistry registry, Users users, HelpTexts help) {
        this.registry = registry;
        this.users = users;
        this.help = help;
    }

    void register(CommandDispatcher d) {
        d.define("client|id", (c, a) -> c.reply(Resp.integer(c.id())));
        d.define("client|getname", (c, a) -> c.reply(Resp.bulk(c.name())));
        d.define("client|setname", this::setName);
        d.define("client|info", (c, a) -> c.reply(Resp.bulk(describe(c) + "\n")));
        d.define("client|list", this::list);
        d.define("client|kill", new ClientKill(registry, users)::run);
        d.define("client|help", (c, a) -> c.reply(help.reply("client")));
        d.define("client|reply", this::replyMode);
        d.define("client|no-evict", (c, a) -> c.reply(onOff(a.get(2)) ? Resp.OK : Errors.reply(Errors.SYNTAX)));
        d.define("client|getredir", (c, a) -> c.reply(Resp.integer(-1)));
        d.define("client|trackinginfo", (c, a) -> c.reply(new Resp.MapReply(List.of(
                Resp.bulk("flags"), new Resp.SetReply(List.of(Resp.bulk("off"))),
                Resp.bulk("redirect"), Resp.integer(-1),
                Resp.bulk("prefixes"), Resp.array(List.of())))));
        d.define("client|caching", (c, a) -> c.reply(Errors.reply(Errors.CACHING_NEEDS_TRACKING)));
        d.define("client|unblock", (c, a) -> c.reply(Resp.integer(0)));
    }

    /** Redis accepts names of printable ASCII without spaces ('!' to '~'); empty clears the name. */
    static boolean validName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch < '!' || ch > '~') return false;
        }
        return true;
    }

    private static boolean onOff(String arg) {
        return arg.equalsIgnoreCase("on") || arg.equalsIgnoreCase("off");
    }

    private void setName(ClientConnection c, List<String> args) {
        if (!validName(args.get(2))) {
            c.reply(Errors.reply(Errors.BAD_CLIENT_NAME));
            return;
        }
        c.name(args.get(2));
        c.reply(Resp.OK);
    }

    private void replyMode(ClientConnection c, List<String> args) {
        String mode = args.get(2).toLowerCase(Locale.ROOT);
        if (!mode.equals("on") && !mode.equals("off") && !mode.equals("skip")) {
            c.reply(Errors.reply(Errors.SYNTAX));
            return;
        }
        c.replyMode(mode);
        c.reply(Resp.OK);
    }

    /** CLIENT LIST [TYPE normal|master|replica|slave|pubsub] [ID id ...]. */
    private void list(ClientConnection c, List<String> args) {
        String type = null;
        java.util.Set<Long> ids = null;
        if (args.size() == 4 && args.get(2).equalsIgnoreCase("type")) {
            type = args.get(3).toLowerCase(Locale.ROOT);
            if (!ClientKill.TYPES.contains(type)) {
                c.reply(Errors.reply(Errors.unknownClientType(args.get(3))));
                return;
            }
        } else if (args.size() >= 4 && args.get(2).equalsIgnoreCase("id")) {
            ids = new java.util.HashSet<>();
            for (String s : args.subList(3, args.size())) {
                Long id = ConnectionCommands.parseLong(s);
                if (id == null || id <= 0) { c.reply(Errors.reply(Errors.INVALID_CLIENT_ID)); return; }
                ids.add(id);
            }
        } else if (args.size() != 2) {
            c.reply(Errors.reply(Errors.SYNTAX));
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (ClientConnection other : registry.all()) {
            if (type != null && !ClientKill.isType(other, type)) continue;
            if (ids != null && !ids.contains(other.id())) continue;
            sb.append(describe(other)).append('\n');
        }
        c.reply(Resp.bulk(sb.toString()));
    }

    /** One CLIENT LIST line in Redis 7.0's field order; buffer fields are ours (Netty's) or 0. */
    static String describe(ClientConnection c) {
        long now = MonotonicClock.millis();
        String name = c.name();
        long omem = c.outputBacklog();
        return "id=" + c.id() + " addr=" + c.addr() + " laddr=" + c.laddr() + " fd=" + c.fd()
                + " name=" + (name == null ? "" : name)
                + " age=" + (now - c.createdAtMillis()) / 1000 + " idle=" + (now - c.lastInteractionAtMillis()) / 1000
                + " flags=" + (c.subscriptionCount() > 0 ? "P" : "N") + " db=0"
                + " sub=" + c.channelCount() + " psub=" + c.patternCount() + " ssub=0 multi=-1"
                + " qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0"
                + " obl=0 oll=0 omem=" + omem + " tot-mem=" + omem
                + " events=r" + (omem > 0 ? "w" : "") + " cmd=" + c.lastCommand() + " user=" + c.user()
                + " redir=-1 resp=" + c.protocol();
    }
}
