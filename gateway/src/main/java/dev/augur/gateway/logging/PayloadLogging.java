package dev.augur.gateway.logging;

import dev.augur.catalog.ServiceCatalog;
import dev.augur.gateway.config.PayloadLoggingConfig;
import dev.augur.gateway.messaging.KafkaClients;
import dev.augur.gateway.service.Exchange;
import dev.augur.gateway.service.ExchangeListener;
import dev.augur.isvc.Component;
import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.InferenceService;
import dev.augur.isvc.PayloadLogger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * KServe's payload logging at the gateway: for a service whose component has a {@code logger}, each inference call
 * over REST becomes a request event and a response event (as {@code mode} says), sent as CloudEvents to the
 * logger's {@code url} (HTTP, binary mode) or Kafka topic ({@code kafka:<topic>}, Kafka binding).
 *
 * <p>Publishing never slows or fails a request: the request's thread only offers the events to a bounded queue,
 * one per sink (a full queue drops them, counted in {@code augur_payload_log_dropped_total}); each sink's sender
 * threads deliver them and count what could not be ({@code augur_payload_log_failed_total}).
 */
@ApplicationScoped
public class PayloadLogging implements ExchangeListener {
    private static final Logger LOG = Logger.getLogger(PayloadLogging.class);

    private final ServiceCatalog catalog;
    private final PayloadLoggingConfig config;
    private final Sinks sinks;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final Channel.Outcomes outcomes;

    public PayloadLogging(ServiceCatalog catalog, PayloadLoggingConfig config, KafkaClients kafka,
            MeterRegistry registry) {
        this.catalog = catalog;
        this.config = config;
        this.sinks = new Sinks(config, kafka);
        Counter sent = Counter.builder("augur.payload.log.sent").description("Payload-logging events delivered")
                .register(registry);
        Counter dropped = Counter.builder("augur.payload.log.dropped")
                .description("Payload-logging events dropped because their sink's queue was full").register(registry);
        Counter failed = Counter.builder("augur.payload.log.failed")
                .description("Payload-logging events the sink did not take (error, refusal or timeout)")
                .register(registry);
        registry.gauge("augur.payload.log.queued", channels,
                c -> c.values().stream().mapToInt(Channel::queued).sum());
        this.outcomes = new Channel.Outcomes() {
            @Override
            public void sent() {
                sent.increment();
            }

            @Override
            public void dropped() {
                dropped.increment();
            }

            @Override
            public void failed() {
                failed.increment();
            }
        };
    }

    @Override
    public void finished(Exchange ex, int httpStatus) {
        if (ex.service() == null || ex.requestBody() == null) {
            return; // Unknown service, or no payload kept (only REST inference calls keep theirs).
        }
        Optional<InferenceService> service = catalog.find(ex.service());
        if (service.isEmpty()) {
            return;
        }
        Component component = service.get().component(kind(ex.component())).orElse(null);
        PayloadLogger logger = component == null ? null : component.logger();
        if (logger == null) {
            return;
        }
        String url = logger.url() != null ? logger.url() : config.defaultUrl().orElse(null);
        if (url == null) {
            return;
        }
        String time = Instant.now().toString();
        if (logger.mode() != PayloadLogger.Mode.RESPONSE) {
            offer(url, event(ex, service.get(), CloudEvent.REQUEST, time, ex.requestBody()));
        }
        if (logger.mode() != PayloadLogger.Mode.REQUEST && ex.responseBody() != null) {
            offer(url, event(ex, service.get(), CloudEvent.RESPONSE, time, ex.responseBody()));
        }
    }

    private static ComponentKind kind(String field) {
        for (ComponentKind k : ComponentKind.values()) {
            if (k.field().equals(field)) {
                return k;
            }
        }
        return ComponentKind.PREDICTOR;
    }

    private CloudEvent event(Exchange ex, InferenceService s, String type, String time, byte[] body) {
        return new CloudEvent(ex.requestId(), type, config.source(), time, s.name(), s.namespace(), ex.component(),
                ex.revision(), body);
    }

    private void offer(String url, CloudEvent event) {
        Channel channel;
        try {
            channel = channels.computeIfAbsent(url, u -> new Channel(u, sinks.create(u), config.queueSize(),
                    config.senders(), outcomes));
        } catch (IllegalArgumentException e) {
            outcomes.failed();
            LOG.warnf("payload logging of %s: %s", event.service(), e.getMessage());
            return;
        }
        channel.offer(event);
    }

    void onStop(@Observes ShutdownEvent event) {
        channels.values().forEach(Channel::close);
        sinks.close();
    }
}
