package io.sentinel.server.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuUsageTest {
    @Test
    void readsUserSystemAndChildrenTicksEvenWhenTheCommandHasSpaces() {
        String stat = "4242 (java (my app)) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 75 3 4 20 0 30 0 100 0";
        assertEquals(new CpuUsage(0.75, 2.5, 0.04, 0.03), CpuUsage.fromProcStat(stat));
    }

    @Test
    void currentProcessHasUsedSomeCpu() {
        CpuUsage now = CpuUsage.current();
        assertTrue(now.user() + now.sys() > 0, now.toString());
    }
}
