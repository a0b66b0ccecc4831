package io.sentinel.server.resp;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * A user as Redis 7.0 describes it (ACLDescribeUser), for ACL LIST, ACL GETUSER and the {@code user} lines we write
 * back: flags, password hashes, key patterns, channels, then the command rules rebuilt from the command bits by
 * Redis's best-fit-category method, so that the same user reads the same as in redis-sentinel.
 */
final class AclDescriber {
    private final AclCommandSet commands;
    private final AclRules rules;

    AclDescriber(AclCommandSet commands, AclRules rules) {
        this.commands = commands;
        this.rules = rules;
    }

    /** {@code user app on #... resetchannels &+switch-master -@all +sentinel|get-master-addr-by-name}. */
    String line(AclUser u) {
        StringBuilder sb = new StringBuilder("user ").append(u.name).append(' ');
        for (String f : flags(u)) sb.append(f).append(' ');
        for (String h : u.passwordHashes) sb.append('#').append(h).append(' ');
        String keys = keys(u);
        if (!keys.isEmpty()) sb.append(keys).append(' ');
        if (u.allChannels) sb.append("&* ");
        else sb.append("resetchannels ").append(channels(u).isEmpty() ? "" : channels(u) + " ");
        return sb.append(commandRules(u)).toString();
    }

    static List<String> flags(AclUser u) {
        List<String> out = new ArrayList<>();
        out.add(u.enabled ? "on" : "off");
        if (u.nopass) out.add("nopass");
        if (u.skipSanitizePayload) out.add("skip-sanitize-payload");
        if (u.sanitizePayload) out.add("sanitize-payload");
        return out;
    }

    static String keys(AclUser u) {
        if (u.allKeys) return "~*";
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Integer> e : u.keyPatterns.entrySet()) {
            if (sb.length() > 0) sb.append(' ');
            int f = e.getValue();
            sb.append(f == AclUser.KEY_ALL ? "~" : f == AclUser.KEY_READ ? "%R~" : "%W~").append(e.getKey());
        }
        return sb.toString();
    }

    static String channels(AclUser u) {
        if (u.allChannels) return "&*";
        StringBuilder sb = new StringBuilder();
        for (String p : u.channelPatterns) {
            if (sb.length() > 0) sb.append(' ');
            sb.append('&').append(p);
        }
        return sb.toString();
    }

    /**
     * ACLDescribeSelectorCommandRules: start from +@all (when the future-commands bit is set) or -@all, apply the
     * category that best fits the remaining bits until none fits, then fix single commands in dictionary order.
     */
    String commandRules(AclUser u) {
        boolean additive = !u.commands.get(commands.size());
        StringBuilder sb = new StringBuilder(additive ? "-@all" : "+@all");
        // what the rules written so far allow, and what is left to describe
        AclUser fake = rules.create("");
        if (!additive) fake.commands.set(0, commands.size() + 1);
        BitSet temp = (BitSet) u.commands.clone();
        boolean[] applied = new boolean[AclCommandSet.CATEGORIES.size()];
        for (int best; (best = bestCategory(temp, applied, additive)) >= 0; ) {
            applied[best] = true;
            sb.append(additive ? " +@" : " -@").append(AclCommandSet.CATEGORIES.get(best));
            applyCategory(fake, best, additive);
            AclUser t = rules.create("");
            t.commands.or(temp);
            applyCategory(t, best, !additive);
            temp = t.commands;
        }
        singles(u, fake, sb);
        return sb.toString();
    }

    private int bestCategory(BitSet bits, boolean[] applied, boolean additive) {
        int best = -1;
        long minDiff = Integer.MAX_VALUE;
        long maxSame = 0;
        for (int cat = 0; cat < applied.length; cat++) {
            if (applied[cat]) continue;
            long on = 0;
            long off = 0;
            for (int id = 0; id < commands.size(); id++) {
                if (!commands.inCategory(id, cat)) continue;
                if (bits.get(id)) on++;
                else off++;
            }
            long diff = additive ? off : on;
            long same = additive ? on : off;
            if (same > diff && (diff < minDiff || (diff == minDiff && same > maxSame))) {
                best = cat;
                minDiff = diff;
                maxSame = same;
            }
        }
        return best;
    }

    private void applyCategory(AclUser u, int cat, boolean allow) {
        for (int id : commands.dictOrder()) {
            if (commands.inCategory(id, cat)) rules.change(u, id, allow);
        }
    }

    /** ACLDescribeSelectorCommandRulesSingleCommands: each differing bit, then a blocked command's first args. */
    private void singles(AclUser u, AclUser fake, StringBuilder sb) {
        for (int id : commands.dictOrder()) {
            boolean userBit = u.commands.get(id);
            if (userBit != fake.commands.get(id)) {
                sb.append(userBit ? " +" : " -").append(commands.name(id));
                rules.change(fake, id, userBit);
            }
            List<String> firsts = u.firstArgs.get(id);
            if (!userBit && firsts != null) {
                for (String f : firsts) sb.append(" +").append(commands.name(id)).append('|').append(f);
            }
        }
    }
}
