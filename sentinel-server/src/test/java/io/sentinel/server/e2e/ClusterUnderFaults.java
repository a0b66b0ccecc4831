package io.sentinel.server.e2e;

import io.sentinel.server.it.ProcessScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the fault scenarios share: the processes they start (stopped by pid after each test, even on failure) and
 * the {@link FaultyCluster} whose proxies they fault, closed after each test.
 */
abstract class ClusterUnderFaults {
    @RegisterExtension
    final ProcessScope processes = new ProcessScope();
    FaultyCluster cluster;

    @AfterEach
    void closeNetwork() {
        if (cluster != null) cluster.close();
    }
}
