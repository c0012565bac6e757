package io.catalogbulk.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Test;

import io.catalogbulk.testsupport.TestEnvironment;

/**
 * What makes the embedded profile's run prove something: the machine's PostgreSQL and RabbitMQ (their usual ports,
 * README "Configuration") are out of reach of the tests and of every process they start, so nothing passes by
 * reaching them instead of the embedded pair. Holds where the test JVM runs in a network namespace of its own
 * (src/test/isolated-jvm/bin/java: root with unshare and ip, as on CI).
 */
class EmbeddedIsolationIT {

    @Test
    void theMachinesPostgresAndRabbitMqAreOutOfReachAndTheEmbeddedPairIsNot() throws Exception {
        assumeTrue(EmbeddedPair.requested(), "the embedded-e2e profile");
        assumeTrue("true".equals(System.getenv("E2E_NETWORK_ISOLATED")), "a network namespace of its own (root, unshare, ip)");
        assertFalse(listening(5432), "PostgreSQL of the machine");
        assertFalse(listening(5672), "RabbitMQ of the machine");
        RunningSystem.shared();
        assertTrue(listening(Integer.parseInt(TestEnvironment.PG_PORT)), "embedded PostgreSQL");
        assertTrue(listening(TestEnvironment.RABBIT_PORT), "embedded broker");
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            return true;
        } catch (IOException unreachable) {
            return false;
        }
    }
}
