package dev.augur.server.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * The JVM and process metrics ({@code jvm_*}, {@code process_*}, {@code system_*}: Micrometer's own binders, the
 * names Quarkus uses), bound two seconds after start-up on a background thread. Bound by Quarkus (its default),
 * their management beans cost a third of the start-up path's runtime init, on the way to the first answer (README
 * "Start-up"); so a service turns Quarkus' binding off ({@code quarkus.micrometer.binder.jvm/system=false}) and this
 * binds them. A service that keeps Quarkus' binding (the gateway) does not get this bean: the metrics are bound once.
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.micrometer.binder.jvm", stringValue = "false")
public class JvmMetrics {
    private static final long DELAY_MS = 2000;

    private final MeterRegistry registry;
    /** Made on the background thread too: some binders read management beans as they are made. */
    private volatile List<MeterBinder> binders = List.of();

    public JvmMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(DELAY_MS);
            } catch (InterruptedException e) {
                return;
            }
            binders = List.of(new ClassLoaderMetrics(), new JvmMemoryMetrics(), new JvmGcMetrics(),
                    new JvmThreadMetrics(), new JvmHeapPressureMetrics(), new JvmInfoMetrics(), new UptimeMetrics(),
                    new ProcessorMetrics(), new FileDescriptorMetrics());
            binders.forEach(b -> b.bindTo(registry));
        }, "jvm-metrics");
        t.setDaemon(true);
        t.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        for (MeterBinder b : binders) {
            if (b instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // Stopping anyway.
                }
            }
        }
    }
}
