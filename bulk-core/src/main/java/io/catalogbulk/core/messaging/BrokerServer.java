package io.catalogbulk.core.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.rabbitmq.client.ConnectionFactory;

/**
 * Where RabbitMQ is and how to sign in: the same {@code rabbitmq-*} settings the SmallRye connector reads, read
 * once here for every connection the services open themselves (publisher, queue metrics, dead letters).
 */
@ApplicationScoped
public class BrokerServer {

    @ConfigProperty(name = "rabbitmq-host", defaultValue = "127.0.0.1")
    String host;

    @ConfigProperty(name = "rabbitmq-port", defaultValue = "5672")
    int port;

    @ConfigProperty(name = "rabbitmq-username", defaultValue = "guest")
    String username;

    @ConfigProperty(name = "rabbitmq-password", defaultValue = "guest")
    String password;

    @ConfigProperty(name = "rabbitmq-virtual-host", defaultValue = "/")
    String virtualHost;

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

    /** host:port, for log lines and errors. */
    public String address() {
        return host + ":" + port;
    }
}
