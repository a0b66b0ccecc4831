package io.sentinel.server.config;

import io.sentinel.core.config.KnownSentinel;
import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.SentinelConfig;
import io.sentinel.core.model.Address;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded run of what a sentinel's state writes carry (votes, epochs, failovers, discovered instances, masters
 * monitored and removed, ACL changes), and of hand edits of its sentinel.conf between them, for the tests that
 * compare the store's writes with a rewrite from scratch.
 */
final class StateChanges {
    private static final String[] NAMES = {"m0", "m1", "my master", "q\"uote", "m4"};
    private static final String[] IDS = {"0123456789abcdef0123456789abcdef01234567",
            "89abcdef0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210fedcba98"};
    private final long seed;
    private final Random random;
    private SentinelConfig config;
    private final List<String> log = new ArrayList<>();

    StateChanges(long seed, SentinelConfig start) {
        this.seed = seed;
        this.random = new Random(seed);
        this.config = start.withRuntime(IDS[0], start.currentEpoch(), start.masters());
    }

    /** The configuration after one more change. */
    SentinelConfig next() {
        int what = random.nextInt(10);
        List<MasterConfig> masters = new ArrayList<>(config.masters());
        long epoch = config.currentEpoch() + (random.nextBoolean() ? 1 : 0);
        if (what < 5 && !masters.isEmpty()) {
            int i = random.nextInt(masters.size());
            masters.set(i, changed(masters.get(i), epoch));
            log.add("change " + masters.get(i).name());
        } else if (what < 7) {
            String name = NAMES[random.nextInt(NAMES.length)];
            if (config.master(name) == null) {
                masters.add(changed(MasterConfig.withDefaults(name, new Address("127.0.0.1", 7000 + masters.size()),
                        2), epoch));
                log.add("monitor " + name);
            }
        } else if (what < 8 && !masters.isEmpty()) {
            log.add("remove " + masters.remove(random.nextInt(masters.size())).name());
        } else if (what < 9) {
            // unbalanced quotes and a newline in a rule: lines that read back otherwise than they were written
            config = config.withUsers(switch (random.nextInt(3)) {
                case 0 -> List.of();
                case 1 -> List.of("app on nopass ~* +@all", "u" + random.nextInt(3) + " on >p\"w");
                default -> List.of("n on >a\nport 1");
            });
            log.add("users " + config.users());
        } else {
            log.add("epoch " + epoch);
        }
        config = config.withRuntime(config.myid(), epoch, masters);
        return config;
    }

    private MasterConfig changed(MasterConfig m, long epoch) {
        List<Address> replicas = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) replicas.add(new Address("127.0.0.1", 8000 + random.nextInt(5)));
        List<KnownSentinel> peers = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            peers.add(new KnownSentinel(new Address("127.0.0.1", 26380 + i), IDS[i]));
        }
        Map<String, String> renamed = random.nextInt(4) == 0 ? Map.of("CONFIG", "c" + random.nextInt(2)) : Map.of();
        long downAfter = random.nextBoolean() ? MasterConfig.DEFAULT_DOWN_AFTER_MILLIS : 1000;
        String pass = random.nextInt(4) == 0 ? "s e\"cret" : null;
        return new MasterConfig(m.name(), new Address("127.0.0.1", 7000 + random.nextInt(5)), m.quorum(),
                downAfter, m.failoverTimeoutMillis(), m.parallelSyncs(), null, pass, null, null, 0, renamed,
                replicas.stream().distinct().toList(), peers, random.nextInt(3) == 0 ? epoch : m.configEpoch(),
                epoch, random.nextBoolean() ? IDS[random.nextInt(IDS.length)] : null);
    }

    /** Whether to edit the file by hand before the next write (one step in five). */
    boolean handEdits() {
        return random.nextInt(5) == 0;
    }

    /** Edits {@code file} as a user might: adds, removes or repeats lines, or deletes the file. */
    void edit(Path file) throws IOException {
        if (!Files.exists(file)) return;
        List<String> lines = new ArrayList<>(List.of(Files.readString(file).split("\n", -1)));
        int at = random.nextInt(lines.size());
        String added = switch (random.nextInt(7)) {
            case 0 -> "# edited by hand";
            case 1 -> "";
            case 2 -> "sentinel known-slave m0 10.0.0.1 6379";
            case 3 -> ConfRewriter.SIGNATURE;
            case 4 -> "  port 26379";
            case 5 -> lines.get(at);
            default -> null;
        };
        if (added != null) {
            lines.add(at, added);
        } else if (random.nextInt(4) == 0) {
            Files.delete(file);
            log.add("file deleted");
            return;
        } else {
            lines.remove(at);
        }
        log.add("edited line " + at + ": " + (added == null ? "removed" : "added '" + added + "'"));
        Files.writeString(file, String.join("\n", lines));
    }

    /** The seed, step and the changes so far, for a failure message. */
    String where(int step) {
        return "seed " + seed + ", step " + step + ", after " + log;
    }
}
