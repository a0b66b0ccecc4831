package io.sentinel.server.resp;

import io.sentinel.server.command.Errors;
import io.sentinel.server.reply.Resp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * CLIENT TRACKING, TRACKINGINFO, GETREDIR and CACHING, with redis-sentinel 7.0's checks, order of checks and
 * replies (compared live). One difference: when two PREFIXes given together overlap, 7.0 replies the error and then
 * enables tracking anyway and replies +OK as well (two replies to one command: {@code checkPrefixCollisionsOrReply}
 * returns the index); we reply the error only and change nothing, as Valkey fixed it.
 */
final class TrackingCommands {
    private final ClientRegistry registry;

    TrackingCommands(ClientRegistry registry) {
        this.registry = registry;
    }

    void register(CommandDispatcher d) {
        d.define("client|tracking", this::tracking);
        d.define("client|trackinginfo", (c, a) -> c.reply(info(c.tracking())));
        d.define("client|getredir", (c, a) -> c.reply(Resp.integer(c.tracking().on() ? c.tracking().redirect() : -1)));
        d.define("client|caching", this::caching);
    }

    private static final class Options {
        long redirect;
        boolean bcast;
        boolean optIn;
        boolean optOut;
        boolean noLoop;
        final List<String> prefixes = new ArrayList<>();
    }

    /** CLIENT TRACKING on|off [REDIRECT id] [BCAST] [PREFIX p]... [OPTIN] [OPTOUT] [NOLOOP]: options first. */
    private void tracking(ClientConnection c, List<String> args) {
        Options o = new Options();
        String error = parse(args, o);
        if (error == null) {
            String onOff = args.get(2).toLowerCase(Locale.ROOT);
            if (onOff.equals("on")) error = enable(c, o);
            else if (onOff.equals("off")) c.tracking(Tracking.OFF);
            else error = Errors.SYNTAX;
        }
        c.reply(error == null ? Resp.OK : Errors.reply(error));
    }

    private String parse(List<String> args, Options o) {
        for (int j = 3; j < args.size(); j++) {
            String opt = args.get(j).toLowerCase(Locale.ROOT);
            boolean more = j < args.size() - 1;
            if (opt.equals("redirect") && more) {
                if (o.redirect != 0) return Errors.REDIRECT_ONCE;
                Long id = ConnectionCommands.parseLong(args.get(++j));
                if (id == null) return Errors.NOT_INTEGER;
                if (registry.get(id) == null) return Errors.NO_REDIRECT_CLIENT;
                o.redirect = id;
            } else if (opt.equals("bcast")) {
                o.bcast = true;
            } else if (opt.equals("optin")) {
                o.optIn = true;
            } else if (opt.equals("optout")) {
                o.optOut = true;
            } else if (opt.equals("noloop")) {
                o.noLoop = true;
            } else if (opt.equals("prefix") && more) {
                o.prefixes.add(args.get(++j));
            } else {
                return Errors.SYNTAX;
            }
        }
        return null;
    }

    /** enableTracking after the compatibility checks; BCAST prefixes add to those already there. */
    private static String enable(ClientConnection c, Options o) {
        Tracking now = c.tracking();
        if (!o.bcast && !o.prefixes.isEmpty()) return Errors.PREFIX_NEEDS_BCAST;
        if (now.on() && now.bcast() != o.bcast) return Errors.BCAST_SWITCH;
        if (o.bcast && (o.optIn || o.optOut)) return Errors.OPTIN_OPTOUT_WITH_BCAST;
        if (o.optIn && o.optOut) return Errors.OPTIN_AND_OPTOUT;
        if (o.optIn && now.optOut() || o.optOut && now.optIn()) return Errors.OPTIN_OPTOUT_SWITCH;
        TreeSet<String> prefixes = new TreeSet<>(Tracking.RAX_ORDER);
        if (o.bcast) {
            String overlap = overlap(now.prefixes(), o.prefixes);
            if (overlap != null) return overlap;
            prefixes.addAll(now.prefixes());
            prefixes.addAll(o.prefixes.isEmpty() ? List.of("") : o.prefixes);
        }
        c.tracking(new Tracking(true, o.bcast, o.optIn, o.optOut, o.noLoop, now.caching(), o.redirect,
                new ArrayList<>(prefixes)));
        return null;
    }

    /** checkPrefixCollisionsOrReply: each new prefix against the client's (in order), then against later ones. */
    private static String overlap(List<String> existing, List<String> added) {
        for (int i = 0; i < added.size(); i++) {
            String p = added.get(i);
            for (String e : existing) {
                if (Tracking.overlap(p, e)) return Errors.prefixOverlapsExisting(p, e);
            }
            for (String q : added.subList(i + 1, added.size())) {
                if (Tracking.overlap(p, q)) return Errors.prefixOverlapsProvided(p, q);
            }
        }
        return null;
    }

    /** Flags (a set), redirect, prefixes: the map clientCommand builds, in its order. */
    static Resp info(Tracking t) {
        List<Resp> flags = new ArrayList<>();
        flags.add(Resp.bulk(t.on() ? "on" : "off"));
        if (t.bcast()) flags.add(Resp.bulk("bcast"));
        if (t.optIn()) flags.add(Resp.bulk("optin"));
        if (t.optIn() && t.caching()) flags.add(Resp.bulk("caching-yes"));
        if (t.optOut()) flags.add(Resp.bulk("optout"));
        if (t.optOut() && t.caching()) flags.add(Resp.bulk("caching-no"));
        if (t.noLoop()) flags.add(Resp.bulk("noloop"));
        return new Resp.MapReply(List.of(
                Resp.bulk("flags"), new Resp.SetReply(flags),
                Resp.bulk("redirect"), Resp.integer(t.on() ? t.redirect() : -1),
                Resp.bulk("prefixes"), Resp.bulks(t.prefixes())));
    }

    /** CLIENT CACHING yes|no: lasts until the next command other than CLIENT ({@code resetClient}). */
    private void caching(ClientConnection c, List<String> args) {
        Tracking t = c.tracking();
        String opt = args.get(2).toLowerCase(Locale.ROOT);
        String error = null;
        if (!t.on()) error = Errors.CACHING_NEEDS_TRACKING;
        else if (opt.equals("yes")) error = t.optIn() ? null : Errors.CACHING_YES_NEEDS_OPTIN;
        else if (opt.equals("no")) error = t.optOut() ? null : Errors.CACHING_NO_NEEDS_OPTOUT;
        else error = Errors.SYNTAX;
        if (error == null) c.tracking(t.withCaching(true));
        c.reply(error == null ? Resp.OK : Errors.reply(error));
    }
}
