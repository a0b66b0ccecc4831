package io.sentinel.server.link;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sentinel.core.info.InfoParser;
import io.sentinel.server.fuzz.FuzzRun;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the core's INFO parser with what a link may hand it: any text a (broken or hostile) Redis sends as its INFO
 * reply. Property: it never throws (an exception in the core stops the daemon) and allocates in proportion to the
 * text. Seeds: {@code InfoParserFuzzTestInputs/} (real redis-server INFO captures).
 */
class InfoParserFuzzTest {
    private static final FuzzRun RUN = new FuzzRun("info-parser", 8 << 20, 4096);

    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({"run_id:", "role:master", "role:slave", "master_host:", "master_port:",
            "master_link_status:up", "master_link_down_since_seconds:", "slave_repl_offset:", "master_repl_offset:",
            "slave_priority:", "replica_announced:", "slave0:ip=", ",port=", ",state=online", ",offset=", ",lag=",
            "-1", "9223372036854775808"})
    void parse(byte[] input) throws Exception {
        RUN.run(input.length, () -> InfoParser.parse(new String(input, StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void report() {
        RUN.report();
    }
}
