package io.sentinel.server.command;

import io.sentinel.core.action.Outcome;
import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.input.Input;
import io.sentinel.core.model.Address;
import io.sentinel.core.view.MasterView;
import io.sentinel.core.view.SentinelView;
import io.sentinel.server.logging.LogSink;
import io.sentinel.server.reply.Resp;
import io.sentinel.server.scripts.PendingScript;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@code SENTINEL}, {@code INFO} and {@code ROLE}, after the command table has checked the subcommand and its
 * arity: read-only subcommands are answered at once from the latest view; those that change state or vote are
 * parsed once into a typed input ({@link SentinelRequests}), decided by the core, and its outcome rendered
 * ({@link OutcomeReplies}).
 */
public final class SentinelCommands implements SentinelCommandHandler {
    private final Supplier<SentinelView> view;
    private final Supplier<SentinelConfig> config;
    private final Function<LongFunction<Input>, CompletionStage<Outcome>> toCore;
    private final LongSupplier monotonicMillis;
    private final InfoCommand info;
    private final Supplier<List<PendingScript>> scripts;
    /** The last GET-MASTER-ADDR-BY-NAME answer: the view is immutable and replaced on change, so it keys the cache. */
    private volatile AddressReply lastAddress;

    private record AddressReply(SentinelView view, String name, Resp reply) { }

    /**
     * {@code config} gives the current global directives (for {@code CONFIG GET} and the checks of
     * {@code CONFIG SET}); {@code toCore} hands an input, made with the request id it is given, to the core and
     * completes with the core's outcome; {@code scripts} gives the script queue, for {@code PENDING-SCRIPTS} and INFO;
     * {@code coreThread}: the name of the core thread, whose CPU INFO reports as the main thread's (null: none);
     * {@code extras}: INFO's fields beyond redis-sentinel 7.0's.
     */
    public SentinelCommands(Supplier<SentinelView> view, Supplier<SentinelConfig> config,
                            Function<LongFunction<Input>, CompletionStage<Outcome>> toCore, LongSupplier monotonicMillis,
                            ServerInfo serverInfo, Supplier<List<PendingScript>> scripts, String coreThread,
                            InfoExtras extras) {
        this(view, config, toCore, monotonicMillis, new InfoCommand(serverInfo, System::currentTimeMillis,
                () -> CpuUsage.current(coreThread), scripts, extras), scripts);
    }

    /** With no scripts and no INFO extras, as in tests. */
    public SentinelCommands(Supplier<SentinelView> view, Supplier<SentinelConfig> config,
                            Function<LongFunction<Input>, CompletionStage<Outcome>> toCore, LongSupplier monotonicMillis,
                            ServerInfo serverInfo) {
        this(view, config, toCore, monotonicMillis, serverInfo, List::of, null, InfoExtras.OFF);
    }

    SentinelCommands(Supplier<SentinelView> view, Supplier<SentinelConfig> config,
                     Function<LongFunction<Input>, CompletionStage<Outcome>> toCore, LongSupplier monotonicMillis,
                     InfoCommand info, Supplier<List<PendingScript>> scripts) {
        this.view = view;
        this.config = config;
        this.toCore = toCore;
        this.monotonicMillis = monotonicMillis;
        this.info = info;
        this.scripts = scripts;
    }

    @Override
    public CompletionStage<Resp> sentinel(List<String> args) {
        String sub = args.get(1).toLowerCase(Locale.ROOT);
        if (!SentinelRequests.forCore(sub, args)) return done(readOnly(sub, args, view.get(), monotonicMillis.getAsLong()));
        SentinelRequests.Parsed parsed = SentinelRequests.parse(sub, args, config.get());
        if (parsed.input() == null) return done(parsed.reply());
        return toCore.apply(parsed.input()).handle((outcome, failure) -> {
            if (failure != null) return OutcomeReplies.of(failure);
            if (parsed.reply() != null) return parsed.reply();
            // loglevel is the shell's: set once the core has taken the rest of the same CONFIG SET
            if (parsed.logLevel() != null && outcome instanceof Outcome.Ok) LogSink.INSTANCE.level(parsed.logLevel());
            return OutcomeReplies.of(outcome);
        });
    }

    @Override
    public Resp answerNow(String sub, List<String> args) {
        if (SentinelRequests.forCore(sub, args)) return null;
        return readOnly(sub, args, view.get(), monotonicMillis.getAsLong());
    }

    private Resp readOnly(String sub, List<String> args, SentinelView v, long now) {
        switch (sub) {
            case "help": return HelpText.REPLY;
            case "masters": case "primaries": return InstanceReplies.masters(v.masters(), now);
            case "myid": return Resp.bulk(v.myid());
            case "pending-scripts": return pendingScripts(scripts.get(), now);
            case "debug": return debug(v);
            case "info-cache": return InstanceReplies.infoCache(infoCacheMasters(v, args), now);
            case "config": return configGet(args);
            case "get-master-addr-by-name": case "get-primary-addr-by-name": return masterAddress(v, args.get(2));
            default: return forMaster(sub, v.master(args.get(2)), now);
        }
    }

    /** The subcommands that name one master and fail when it is unknown. */
    private static Resp forMaster(String sub, MasterView m, long now) {
        if (m == null) return Errors.NO_SUCH_MASTER;
        switch (sub) {
            case "master": case "primary": return InstanceReplies.master(m, now);
            case "replicas": case "slaves": return InstanceReplies.replicas(m, now);
            case "sentinels": return InstanceReplies.sentinels(m, now);
            case "ckquorum": return Quorum.check(m);
            default: throw new IllegalStateException("unrouted sentinel subcommand " + sub);
        }
    }

    /** The same reply object as long as the view and the name are the same, so the RESP server can reuse its bytes. */
    private Resp masterAddress(SentinelView v, String name) {
        AddressReply last = lastAddress;
        if (last != null && last.view() == v && last.name().equals(name)) return last.reply();
        Resp reply = masterAddress(v.master(name));
        lastAddress = new AddressReply(v, name, reply);
        return reply;
    }

    /**
     * Null array for an unknown master; during a failover, past promotion, the promoted replica's address; an error
     * while a restarted sentinel has not yet confirmed the address, so clients ask another sentinel.
     */
    private static Resp masterAddress(MasterView m) {
        if (m == null) return Resp.NULL_ARRAY;
        // ours: not an address we have reason to doubt, after a restart (see MasterState.confirmAddress)
        if (!m.addressConfirmed()) return Errors.ADDRESS_NOT_CONFIRMED;
        Address address = m.currentAddress();
        return Resp.bulks(List.of(address.host(), Integer.toString(address.port())));
    }

    /** sentinelPendingScriptsCommand: per queued script a map of argv, flags, pid, run-time or run-delay, retry-num. */
    static Resp pendingScripts(List<PendingScript> queue, long now) {
        List<Resp> out = new ArrayList<>(queue.size());
        for (PendingScript p : queue) {
            out.add(new Resp.MapReply(List.of(
                    Resp.bulk("argv"), Resp.bulks(p.argv()),
                    Resp.bulk("flags"), Resp.bulk(p.running() ? "running" : "scheduled"),
                    Resp.bulk("pid"), Resp.bulk(Long.toString(p.pid())),
                    Resp.bulk(p.running() ? "run-time" : "run-delay"), Resp.bulk(Long.toString(p.millisAt(now))),
                    Resp.bulk("retry-num"), Resp.bulk(Integer.toString(p.retryNum())))));
        }
        return Resp.array(out);
    }

    /** Named masters once each, in the order asked, skipping unknown names (the arity asks for at least one). */
    private static List<MasterView> infoCacheMasters(SentinelView v, List<String> args) {
        Map<String, MasterView> picked = new LinkedHashMap<>();
        for (String name : args.subList(2, args.size())) {
            MasterView m = v.master(name);
            if (m != null) picked.putIfAbsent(name, m);
        }
        return new ArrayList<>(picked.values());
    }

    /** Redis lists the periods upper case, with DEFAULT-FAILOVER-TIMEOUT after DEFAULT-DOWN-AFTER. */
    private static Resp debug(SentinelView v) {
        List<String> kv = new ArrayList<>();
        Map<String, Long> periods = v.timing().asMap();
        for (Map.Entry<String, Long> e : periods.entrySet()) {
            kv.add(e.getKey().toUpperCase(Locale.ROOT));
            kv.add(Long.toString(e.getValue()));
            if (e.getKey().equals("default-down-after") && !periods.containsKey("default-failover-timeout")) {
                kv.add("DEFAULT-FAILOVER-TIMEOUT");
                kv.add(Long.toString(MasterConfig.DEFAULT_FAILOVER_TIMEOUT_MILLIS));
            }
        }
        return Resp.bulkMap(kv);
    }

    private Resp configGet(List<String> args) {
        String op = args.get(2).toLowerCase(Locale.ROOT);
        if (!op.equals("get") || args.size() < 4) return Errors.CONFIG_USAGE;
        return ConfigGet.reply(config.get(), LogSink.INSTANCE.level(), args.subList(3, args.size()));
    }

    @Override
    public String info(List<String> sections, ServerStats stats) {
        return info.render(sections, view.get(), stats, monotonicMillis.getAsLong());
    }

    @Override
    public Resp role() {
        List<String> names = new ArrayList<>();
        for (MasterView m : view.get().masters()) names.add(m.name());
        return Resp.array(List.of(Resp.bulk("sentinel"), Resp.bulks(names)));
    }

    private static CompletionStage<Resp> done(Resp reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
