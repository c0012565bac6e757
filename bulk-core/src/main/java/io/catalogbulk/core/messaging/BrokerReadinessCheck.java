package io.catalogbulk.core.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.arc.properties.IfBuildProperty;

/** Ready only while the publishing connection to RabbitMQ is open. */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "catalog-bulk.publisher.enabled", stringValue = "true", enableIfMissing = true)
public class BrokerReadinessCheck implements HealthCheck {

    @Inject
    BrokerConnection broker;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("RabbitMQ publisher")
                .status(broker.isOpen())
                .withData("exchange", broker.config().exchange())
                .withData("queue", broker.config().queue())
                .build();
    }
}
