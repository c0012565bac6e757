package io.catalogbulk.core.messaging;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.quarkus.runtime.Startup;

/**
 * Where RabbitMQ is and how to sign in: the same {@code rabbitmq-*} settings the SmallRye connector reads, read
 * once here for every connection the services open themselves (publisher, queue metrics, dead letters).
 * <p>
 * A cluster is given as {@code rabbitmq-addresses} ({@code RABBITMQ_ADDRESSES=host1:5672,host2:5672,...}), which
 * then replaces host and port, as it does for the connector. Each connection tries the nodes in a shuffled order,
 * so the replicas of a service spread over the cluster, and automatic recovery goes through the same list: when a
 * node dies, its connections come back on another one.
 * <p>
 * Created at start so that a malformed list stops the service with the setting's name: read later, on the
 * publisher's background connect, it would only be logged as an unreachable broker and retried for ever.
 */
@ApplicationScoped
@Startup
public class BrokerServer {

    @ConfigProperty(name = "rabbitmq-host", defaultValue = "127.0.0.1")
    String host;

    @ConfigProperty(name = "rabbitmq-port", defaultValue = "5672")
    int port;

    @ConfigProperty(name = "rabbitmq-addresses")
    Optional<String> addresses;

    @ConfigProperty(name = "rabbitmq-username", defaultValue = "guest")
    String username;

    @ConfigProperty(name = "rabbitmq-password", defaultValue = "guest")
    String password;

    @ConfigProperty(name = "rabbitmq-virtual-host", defaultValue = "/")
    String virtualHost;

    private List<Address> nodes;

    @PostConstruct
    void readNodes() {
        nodes = addresses.isEmpty() || addresses.get().isBlank() ? List.of(new Address(host, port)) : parse(addresses.get());
    }

    /** A factory for this broker that gives up connecting after 5 s; callers add what their connection needs. */
    public ConnectionFactory connectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setVirtualHost(virtualHost);
        factory.setConnectionTimeout(5_000);
        return factory;
    }

    /** Opens a connection with {@code factory} to the first node of the (shuffled) list that answers. */
    public Connection newConnection(ConnectionFactory factory, String clientName) throws IOException, TimeoutException {
        List<Address> nodes = new ArrayList<>(nodes());
        Collections.shuffle(nodes);
        return factory.newConnection(nodes, clientName);
    }

    /** The configured nodes: the address list if given, else host:port. */
    public List<Address> nodes() {
        return nodes;
    }

    /**
     * {@code host1:5672,host2,[::1]:5673}; a node without a port gets 5672. Anything else is refused with the
     * setting's name.
     */
    static List<Address> parse(String list) {
        List<Address> parsed = new ArrayList<>();
        for (String item : list.split(",")) {
            String node = item.trim();
            if (node.isEmpty()) {
                continue;
            }
            try {
                Address address = Address.parseAddress(node);
                parsed.add(address.getPort() < 0 ? new Address(address.getHost(), ConnectionFactory.DEFAULT_AMQP_PORT) : address);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("RABBITMQ_ADDRESSES: '" + node + "' is not host or host:port", e);
            }
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("RABBITMQ_ADDRESSES names no node: '" + list + "'");
        }
        return parsed;
    }

    /** The nodes as host:port, comma-separated, for log lines and errors. */
    public String address() {
        return nodes().stream().map(a -> a.getHost() + ":" + a.getPort()).collect(Collectors.joining(","));
    }
}
