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

    /** The named thread's own ticks, found through /proc/self/task/[tid]/comm (Linux only). */
    @Test
    void aNamedThreadsCpuIsTheMainThreadsAndOnlyGrows() throws Exception {
        java.util.concurrent.CountDownLatch spun = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread t = new Thread(() -> {
            long until = System.nanoTime() + 100_000_000;
            long x = 0;
            while (System.nanoTime() < until) x += until % 7;
            if (x == 42) System.out.print("");
            spun.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cpu-usage-test");
        t.start();
        try {
            spun.await();
            CpuUsage first = CpuUsage.current("cpu-usage-test");
            org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(
                    java.nio.file.Path.of("/proc/self/task")), "no /proc");
            assertTrue(first.userMainThread() + first.sysMainThread() > 0, first.toString());
            assertTrue(first.userMainThread() + first.sysMainThread() <= first.user() + first.sys(), first.toString());
            CpuUsage later = CpuUsage.current("cpu-usage-test");
            assertTrue(later.userMainThread() >= first.userMainThread(), later.toString());
            assertTrue(later.sysMainThread() >= first.sysMainThread(), later.toString());
        } finally {
            done.countDown();
            t.join();
        }
        assertEquals(0, CpuUsage.current("no-such-thread").userMainThread());
    }
}
