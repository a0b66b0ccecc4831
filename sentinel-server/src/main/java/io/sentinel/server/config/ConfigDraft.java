package io.sentinel.server.config;

import io.sentinel.core.config.MasterConfig;
import io.sentinel.core.config.SentinelConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration while it is being read (file, YAML, then command line overrides), with what the reading
 * produced besides the model: warnings, the server-only settings we keep, whether an {@code include} was used.
 */
final class ConfigDraft {
    int port = SentinelConfig.DEFAULT_PORT;
    List<String> bind = new ArrayList<>();
    String dir;
    String logfile = "";
    boolean protectedMode;
    String requirePass;
    final List<String> users = new ArrayList<>();
    String myid;
    long currentEpoch;
    String announceIp;
    int announcePort;
    boolean resolveHostnames;
    boolean announceHostnames;
    boolean denyScriptsReconfig = true;
    String sentinelUser;
    String sentinelPass;
    long forgetUnresolvedAfterMillis;
    final Map<String, MasterDraft> masters = new LinkedHashMap<>();

    final List<String> warnings = new ArrayList<>();
    final Map<String, String> serverSettings = new LinkedHashMap<>();
    boolean usedInclude;

    SentinelConfig build() {
        List<MasterConfig> ms = new ArrayList<>();
        for (MasterDraft m : masters.values()) ms.add(m.build());
        return new SentinelConfig(port, bind, dir, logfile, protectedMode, requirePass, users, myid, currentEpoch,
                announceIp, announcePort, resolveHostnames, announceHostnames, denyScriptsReconfig, sentinelUser,
                sentinelPass, ms, forgetUnresolvedAfterMillis);
    }
}
