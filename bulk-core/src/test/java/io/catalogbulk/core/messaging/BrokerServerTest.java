package io.catalogbulk.core.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Connection;

import io.catalogbulk.testsupport.TestEnvironment;

/** The broker address list (RABBITMQ_ADDRESSES) against the machine's real RabbitMQ. */
class BrokerServerTest {

    static BrokerServer server(String addresses) {
        BrokerServer server = new BrokerServer();
        server.host = "127.0.0.1";
        server.port = 1;
        server.addresses = Optional.ofNullable(addresses);
        server.username = TestEnvironment.RABBIT_USERNAME;
        server.password = TestEnvironment.RABBIT_PASSWORD;
        server.virtualHost = "/";
        server.readNodes();
        return server;
    }

    /** A port nothing listens on: bound, then closed. */
    static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aListReplacesHostAndPortAndTakesNodesWithoutAPort() {
        assertEquals(List.of(new Address("127.0.0.1", 1)), server(null).nodes());
        assertEquals(List.of(new Address("127.0.0.1", 1)), server(" ").nodes());
        assertEquals(List.of(new Address("rabbit-a", 5672), new Address("rabbit-b", 5673), new Address("rabbit-c", 5672)),
                server("rabbit-a:5672, rabbit-b:5673,rabbit-c").nodes());
        assertEquals("rabbit-a:5672,rabbit-b:5673", server("rabbit-a:5672,rabbit-b:5673").address());
    }

    @Test
    void aMalformedListIsRefusedWithTheSettingsName() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> server("rabbit-a:notaport"));
        assertTrue(refused.getMessage().contains("RABBITMQ_ADDRESSES"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> server(",,"));
    }

    /** Whatever the shuffle puts first, a connection ends on the one node that answers. */
    @Test
    void aConnectionGoesToALiveNodeOfTheList() throws Exception {
        String live = TestEnvironment.RABBIT_HOST + ":" + TestEnvironment.RABBIT_PORT;
        BrokerServer server = server("127.0.0.1:" + deadPort() + "," + live + ",127.0.0.1:" + deadPort());
        for (int i = 0; i < 5; i++) {
            try (Connection connection = server.newConnection(server.connectionFactory(), "broker-server-test")) {
                assertTrue(connection.isOpen());
                assertEquals(TestEnvironment.RABBIT_PORT, connection.getPort());
            }
        }
    }
}
