package io.sentinel.server.resp;

import io.sentinel.core.reply.Resp;
import java.util.ArrayList;
import java.util.List;

/** The read-only part of ACL: WHOAMI, USERS, LIST, GETUSER, CAT, HELP. Users come from the config only. */
final class AclCommands {
    /** Redis 7.0's ACL categories, in its order. */
    static final List<String> CATEGORIES = List.of("keyspace", "read", "write", "set", "sortedset", "list", "hash",
            "string", "bitmap", "hyperloglog", "geo", "stream", "pubsub", "admin", "fast", "slow", "blocking",
            "dangerous", "connection", "transaction", "scripting");

    private final Users users;
    private final CommandTable table;
    private final HelpTexts help;

    AclCommands(Users users, CommandTable table, HelpTexts help) {
        this.users = users;
        this.table = table;
        this.help = help;
    }

    void register(CommandDispatcher d) {
        d.define("acl|whoami", (c, a) -> c.reply(Resp.bulk(c.user())));
        d.define("acl|users", (c, a) -> c.reply(Resp.bulks(users.names())));
        d.define("acl|list", (c, a) -> {
            List<String> lines = new ArrayList<>();
            for (String u : users.names()) lines.add(users.describe(u));
            c.reply(Resp.bulks(lines));
        });
        d.define("acl|getuser", this::getUser);
        d.define("acl|cat", this::cat);
        d.define("acl|help", (c, a) -> c.reply(help.reply("acl")));
    }

    private void getUser(ClientConnection c, List<String> args) {
        if (!users.exists(args.get(2))) {
            c.reply(Resp.NULL);
            return;
        }
        String[] words = users.describe(args.get(2)).split(" ");
        List<Resp> flags = new ArrayList<>();
        List<Resp> passwords = new ArrayList<>();
        for (int i = 2; i < words.length; i++) {
            if (words[i].startsWith("#")) passwords.add(Resp.bulk(words[i].substring(1)));
            else if (!words[i].startsWith("~") && !words[i].startsWith("&") && !words[i].startsWith("+")) {
                flags.add(Resp.bulk(words[i]));
            }
        }
        c.reply(new Resp.MapReply(List.of(
                Resp.bulk("flags"), new Resp.SetReply(flags),
                Resp.bulk("passwords"), Resp.array(passwords),
                Resp.bulk("commands"), Resp.bulk("+@all"),
                Resp.bulk("keys"), Resp.bulk("~*"),
                Resp.bulk("channels"), Resp.bulk("&*"),
                Resp.bulk("selectors"), Resp.array(List.of()))));
    }

    private void cat(ClientConnection c, List<String> args) {
        if (args.size() == 2) {
            c.reply(Resp.bulks(CATEGORIES));
            return;
        }
        String category = args.get(2).toLowerCase(java.util.Locale.ROOT);
        if (!CATEGORIES.contains(category)) {
            c.reply(Errors.reply(Errors.unknownCategory(args.get(2))));
            return;
        }
        List<String> names = new ArrayList<>();
        for (CommandSpec s : table.all()) {
            if (s.aclCategories().contains("@" + category)) names.add(s.name());
        }
        c.reply(Resp.bulks(names));
    }
}
