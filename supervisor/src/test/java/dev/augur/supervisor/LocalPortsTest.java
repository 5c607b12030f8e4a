package dev.augur.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalPortsTest {

    /** The kernel offering the port it gave a moment ago (its probe socket closed, nothing bound yet). */
    @Test
    void aPortHandedOutIsNotHandedOutAgainWhileReserved() throws IOException {
        Iterator<Integer> kernel = List.of(40001, 40001, 40001, 40002).iterator();
        LocalPorts ports = new LocalPorts(kernel::next, () -> 0L);

        assertEquals(40001, ports.next());
        assertEquals(40002, ports.next());
    }

    @Test
    void aPortIsOfferedAgainOnceItsReservationHasRunOut() throws IOException {
        AtomicLong now = new AtomicLong();
        LocalPorts ports = new LocalPorts(() -> 40001, now::get);

        assertEquals(40001, ports.next());
        now.set(LocalPorts.RESERVED_NANOS + 1);
        assertEquals(40001, ports.next());
    }

    @Test
    void onlyReservedPortsOnOfferIsAnError() throws IOException {
        LocalPorts ports = new LocalPorts(() -> 40001, () -> 0L);
        ports.next();

        IOException e = assertThrows(IOException.class, ports::next);
        assertEquals("no free loopback port: the kernel offered only ports given to other components", e.getMessage());
    }
}
