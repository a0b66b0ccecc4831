package io.sentinel.server.it;

import java.util.ArrayList;
import java.util.List;

/** Debian's {@code redis-sentinel} on the same {@link SentinelConf}: the reference our sentinel must match. */
public final class RealSentinelProcess extends SentinelProcess {

    public RealSentinelProcess(SentinelConf conf, String... args) {
        super("redis-sentinel", conf, args);
    }

    @Override
    protected List<String> command() {
        List<String> cmd = new ArrayList<>(List.of("redis-sentinel", confFile.toString()));
        cmd.addAll(args());
        return cmd;
    }
}
