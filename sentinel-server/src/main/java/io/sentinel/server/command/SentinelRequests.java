package io.sentinel.server.command;

import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.config.Timing;
import io.sentinel.core.input.AdminRequest;
import io.sentinel.core.input.GlobalChange;
import io.sentinel.core.input.Input;
import io.sentinel.core.input.MasterChange.Setting;
import io.sentinel.core.input.MasterChange;
import io.sentinel.core.input.VoteRequested;
import io.sentinel.server.config.AnnounceCheck;
import io.sentinel.server.reply.Resp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Parses the {@code SENTINEL} subcommands that go to the core into typed inputs, once, with redis-sentinel's checks
 * and error texts: a malformed request is answered here and never reaches the core. The command table has already
 * checked the subcommand and its arity ({@code args.get(0)} is {@code SENTINEL}, {@code args.get(1)} the
 * subcommand).
 */
final class SentinelRequests {
    private SentinelRequests() {
    }

    /**
     * An input for the core, made with the request id the core loop assigns, or the reply to send without the core
     * (an error, mostly), or both: the input goes to the core and the reply is sent whatever its outcome.
     */
    record Parsed(LongFunction<Input> input, Resp reply, String logLevel) {
        static Parsed of(LongFunction<Input> input) {
            return new Parsed(input, null, null);
        }

        static Parsed answered(Resp reply) {
            return new Parsed(null, reply, null);
        }
    }

    /** Whether {@code sub} (lower case) with {@code args} changes state or votes, so the core must answer it. */
    static boolean forCore(String sub, List<String> args) {
        switch (sub) {
            case "monitor": case "remove": case "set": case "reset": case "flushconfig": case "failover":
            case "is-master-down-by-addr": case "is-primary-down-by-addr": case "simulate-failure":
                return true;
            case "debug":
                return args.size() > 2;
            case "config":
                return args.get(2).equalsIgnoreCase("set") && args.size() >= 5;
            default:
                return false;
        }
    }

    /** {@code config}: the current global directives (announce-ip is checked against {@code bind}). */
    static Parsed parse(String sub, List<String> a, SentinelConfig config) {
        // as current Redis and Valkey: a value with a newline would become a line of its own in sentinel.conf
        if (sub.equals("monitor") || sub.equals("set") || sub.equals("config")) {
            for (int i = 2; i < a.size(); i++) {
                if (hasControlCharacters(a.get(i))) {
                    return Parsed.answered(Errors.controlCharacters(i, "SENTINEL " + sub.toUpperCase(Locale.ROOT)
                            + (sub.equals("config") ? " SET" : "")));
                }
            }
        }
        switch (sub) {
            case "monitor": return monitor(a);
            case "remove": return Parsed.of(id -> new AdminRequest.Remove(id, a.get(2)));
            case "set": return set(a);
            case "reset": return Parsed.of(id -> new AdminRequest.Reset(id, a.get(2)));
            case "failover": return failover(a);
            case "flushconfig": return Parsed.of(AdminRequest.FlushConfig::new);
            case "is-master-down-by-addr": case "is-primary-down-by-addr": return isMasterDown(a);
            case "simulate-failure": return simulateFailure(a);
            case "debug": return debug(a);
            case "config": return configSet(a, config);
            default: throw new IllegalStateException("not a core subcommand: " + sub);
        }
    }

    private static Parsed monitor(List<String> a) {
        Long quorum = parseLong(a.get(5));
        if (quorum == null) return Parsed.answered(Errors.INVALID_QUORUM);
        if (quorum <= 0) return Parsed.answered(Errors.QUORUM_TOO_SMALL);
        Long port = parseLong(a.get(4));
        if (port == null) return Parsed.answered(Errors.INVALID_PORT);
        if (port <= 0 || port > 65535) return Parsed.answered(Errors.PORT_OUT_OF_RANGE);
        String name = a.get(2);
        String host = a.get(3);
        return Parsed.of(id -> new AdminRequest.Monitor(id, name, host, port.intValue(), quorum.intValue()));
    }

    /**
     * Options in order; the first one Redis would refuse ends the list and rides along as {@code rejected}, because
     * sentinelSetCommand applies (and keeps) the options before it.
     */
    private static Parsed set(List<String> a) {
        String name = a.get(2);
        List<MasterChange> changes = new ArrayList<>();
        AdminRequest.SetMaster.Rejected rejected = null;
        int i = 3;
        while (i < a.size()) {
            String option = a.get(i);
            // Valkey 8's spelling, which its sentinelSetCommand takes beside 7.0's
            Setting setting = option.equalsIgnoreCase("primary-reboot-down-after-period")
                    ? Setting.MASTER_REBOOT_DOWN_AFTER_PERIOD : Setting.named(option);
            int needed = setting == Setting.RENAME_COMMAND ? 2 : 1;
            if (setting == null || i + needed >= a.size()) {
                rejected = new AdminRequest.SetMaster.Rejected(option, null);
                break;
            }
            String value = a.get(i + 1);
            MasterChange change = change(setting, value, needed == 2 ? a.get(i + 2) : null);
            if (change == null) {
                rejected = new AdminRequest.SetMaster.Rejected(option, value);
                break;
            }
            changes.add(change);
            i += 1 + needed;
        }
        AdminRequest.SetMaster.Rejected bad = rejected;
        return Parsed.of(id -> new AdminRequest.SetMaster(id, name, changes, bad));
    }

    /** One SET option, or null when its value is invalid. */
    private static MasterChange change(Setting setting, String value, String second) {
        Long n = parseLong(value);
        switch (setting) {
            case DOWN_AFTER_MILLISECONDS: case FAILOVER_TIMEOUT: case PARALLEL_SYNCS: case QUORUM:
                return n == null || n <= 0 ? null : MasterChange.number(setting, value, n);
            case MASTER_REBOOT_DOWN_AFTER_PERIOD:
                return n == null || n < 0 ? null : MasterChange.number(setting, value, n);
            case RENAME_COMMAND:
                return new MasterChange(setting, value, 0, second);
            default:
                return MasterChange.text(setting, value);
        }
    }

    /** {@code FAILOVER <name> [COORDINATED]}, as Valkey 9 takes it. */
    private static Parsed failover(List<String> a) {
        if (a.size() > 4) return Parsed.answered(Errors.arity(a.get(0), a.get(1)));
        boolean coordinated = a.size() == 4;
        if (coordinated && !a.get(3).equalsIgnoreCase("coordinated")) {
            return Parsed.answered(Errors.UNKNOWN_FAILOVER_OPTION);
        }
        String name = a.get(2);
        return Parsed.of(id -> new AdminRequest.Failover(id, name, coordinated));
    }

    private static Parsed isMasterDown(List<String> a) {
        Long port = parseLong(a.get(3));
        Long epoch = parseLong(a.get(4));
        if (port == null || epoch == null) return Parsed.answered(Errors.NOT_INTEGER_REPLY);
        String host = a.get(2);
        String candidate = a.get(5).equals("*") ? null : a.get(5);
        return Parsed.of(id -> new VoteRequested(id, host, port.intValue(), epoch, candidate));
    }

    /**
     * As sentinelCommand does: the flags are cleared, then set one by one; {@code help} or an unknown flag ends the
     * list with its reply, the flags before it staying set.
     */
    private static Parsed simulateFailure(List<String> a) {
        boolean election = false;
        boolean promotion = false;
        Resp reply = null;
        for (int i = 2; i < a.size() && reply == null; i++) {
            String f = a.get(i).toLowerCase(Locale.ROOT);
            if (f.equals("crash-after-election")) election = true;
            else if (f.equals("crash-after-promotion")) promotion = true;
            else if (f.equals("help")) reply = Resp.bulks(List.of("crash-after-election", "crash-after-promotion"));
            else reply = Errors.UNKNOWN_FAILURE_SIMULATION;
        }
        boolean e = election;
        boolean p = promotion;
        return new Parsed(id -> new AdminRequest.SimulateFailure(id, e, p), reply, null);
    }

    private static Parsed debug(List<String> a) {
        if ((a.size() - 2) % 2 != 0) return Parsed.answered(Errors.unknownDebugOption(a.get(2)));
        List<AdminRequest.SetTiming.Period> periods = new ArrayList<>();
        for (int i = 2; i < a.size(); i += 2) {
            Long v = parseLong(a.get(i + 1));
            if (v == null || v <= 0) return Parsed.answered(Errors.invalidDebugValue(a.get(i + 1), a.get(i)));
            if (Timing.DEFAULTS.with(a.get(i), v) == null) return Parsed.answered(Errors.unknownDebugOption(a.get(i)));
            periods.add(new AdminRequest.SetTiming.Period(a.get(i), v));
        }
        return Parsed.of(id -> new AdminRequest.SetTiming(id, periods));
    }

    /**
     * Redis 7.2's several options at once, checked before any applies: an unknown or repeated option, a missing or
     * bad value refuses the whole request. {@code loglevel} is the shell's own (the core knows nothing of logging):
     * it comes back in {@code logLevel} to apply once the core has said OK.
     */
    private static Parsed configSet(List<String> a, SentinelConfig config) {
        List<GlobalChange> changes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String logLevel = null;
        for (int i = 3; i < a.size(); i += 2) {
            String option = a.get(i).toLowerCase(Locale.ROOT);
            if (!CONFIG_OPTIONS.contains(option)) return Parsed.answered(Errors.unknownConfigOption(a.get(i)));
            if (!seen.add(option)) return Parsed.answered(Errors.duplicateConfigOption(a.get(i)));
            if (i + 1 == a.size()) return Parsed.answered(Errors.missingConfigValue(a.get(i)));
            String value = a.get(i + 1);
            if (option.equals("loglevel")) {
                if (!LOG_LEVELS.contains(value.toLowerCase(Locale.ROOT))) {
                    return Parsed.answered(Errors.badConfigValue(a.get(i), value));
                }
                logLevel = value.toLowerCase(Locale.ROOT);
                continue;
            }
            Object change = globalChange(option, value, config);
            if (change instanceof Resp refusal) return Parsed.answered(refusal);
            changes.add((GlobalChange) change);
        }
        String level = logLevel;
        return new Parsed(id -> new AdminRequest.ConfigSet(id, changes), null, level);
    }

    /** Redis 7.2's options of SENTINEL CONFIG SET, and ours (forget-unresolved-after). */
    private static final Set<String> CONFIG_OPTIONS = Set.of("resolve-hostnames", "announce-hostnames", "announce-ip",
            "announce-port", "sentinel-user", "sentinel-pass", "loglevel", "forget-unresolved-after");
    static final Set<String> LOG_LEVELS = Set.of("debug", "verbose", "notice", "warning", "nothing");

    /** The change, or the error reply refusing it. */
    private static Object globalChange(String option, String value, SentinelConfig config) {
        String orNull = value.isEmpty() ? null : value;
        switch (option) {
            case "resolve-hostnames": case "announce-hostnames": {
                Boolean yes = yesNo(value);
                if (yes == null) return Errors.badConfigValue(option, value);
                return option.equals("resolve-hostnames") ? new GlobalChange.ResolveHostnames(yes)
                        : new GlobalChange.AnnounceHostnames(yes);
            }
            case "announce-ip": {
                // ours: an address nobody could reach is refused here as at start (wildcard, loopback behind others)
                String problem = AnnounceCheck.problem(orNull, config == null ? List.of() : config.bind());
                if (problem != null) return Resp.error("ERR " + problem);
                return new GlobalChange.AnnounceIp(orNull);
            }
            case "announce-port": {
                Long port = parseLong(value);
                if (port == null || port < 0 || port > 65535) return Errors.badConfigValue(option, value);
                return new GlobalChange.AnnouncePort(port.intValue());
            }
            case "forget-unresolved-after": {
                Long ms = parseLong(value);
                if (ms == null || ms < 0) return Errors.badConfigValue(option, value);
                return new GlobalChange.ForgetUnresolvedAfter(ms);
            }
            case "sentinel-user": return new GlobalChange.SentinelUser(orNull);
            case "sentinel-pass": return new GlobalChange.SentinelPass(orNull);
            default: throw new IllegalStateException("unchecked option " + option);
        }
    }

    private static Boolean yesNo(String v) {
        if (v.equalsIgnoreCase("yes")) return true;
        if (v.equalsIgnoreCase("no")) return false;
        return null;
    }

    private static boolean hasControlCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x1F || c == 0x7F) return true;
        }
        return false;
    }

    static Long parseLong(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
