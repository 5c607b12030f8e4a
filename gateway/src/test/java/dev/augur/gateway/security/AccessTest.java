package dev.augur.gateway.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.augur.gateway.service.Gate.Listing;
import dev.augur.protocol.core.ErrorCode;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The grant check and the list filter with grants by label: what the gate and the lists decide, service by service. */
class AccessTest {
    private static final Grant.Labels CATALOG = name -> switch (name) {
        case "scorer" -> Map.of("team", "fraud");
        case "ranker" -> Map.of("team", "search");
        default -> Map.of();
    };
    private static final List<String> SERVICES = List.of("scorer", "ranker", "iris");

    private static Principal with(Grant g) {
        return new Principal("k", "k", g, Quota.NONE, Long.MAX_VALUE);
    }

    private static final Principal FRAUD = with(Grant.of(EnumSet.of(Verb.INFER, Verb.JOBS), List.of(),
            List.of(Map.of("team", "fraud"))));

    @Test
    void labelledServiceIsAdmitted() {
        assertDoesNotThrow(() -> Access.check(FRAUD, Verb.INFER, "scorer", CATALOG));
    }

    @Test
    void serviceOfAnotherTeamIsForbidden() {
        Denial d = assertThrows(Denial.class, () -> Access.check(FRAUD, Verb.INFER, "ranker", CATALOG));
        assertEquals(ErrorCode.PERMISSION_DENIED, d.code());
    }

    /** A name that is no service is refused in the same words as one outside the grant: nothing is learnt. */
    @Test
    void unknownServiceIsRefusedAsOneOutsideTheGrant() {
        Denial unknown = assertThrows(Denial.class, () -> Access.check(FRAUD, Verb.INFER, "ghost", CATALOG));
        Denial outside = assertThrows(Denial.class, () -> Access.check(FRAUD, Verb.INFER, "ranker", CATALOG));
        assertEquals(outside.getMessage().replace("ranker", "ghost"), unknown.getMessage());
    }

    @Test
    void modelListShowsTheServicesTheGrantCovers() {
        assertEquals(List.of("scorer"), SERVICES.stream().filter(Access.shown(FRAUD, Listing.MODELS, CATALOG))
                .toList());
    }

    @Test
    void modelListShowsNothingToACallerWithoutInfer() {
        Principal jobsOnly = with(Grant.of(EnumSet.of(Verb.JOBS), List.of("*")));
        assertEquals(List.of(), SERVICES.stream().filter(Access.shown(jobsOnly, Listing.MODELS, CATALOG)).toList());
    }

    @Test
    void jobListShowsTheServicesTheCallerMayRunJobsOn() {
        Principal irisJobs = with(Grant.of(EnumSet.of(Verb.INFER, Verb.JOBS), List.of("iris")));
        assertEquals(List.of("iris"), SERVICES.stream().filter(Access.shown(irisJobs, Listing.JOBS, CATALOG))
                .toList());
    }

    @Test
    void jobListShowsNothingToACallerWithoutTheJobsVerb() {
        Principal inferOnly = with(Grant.of(EnumSet.of(Verb.INFER), List.of("*")));
        assertEquals(List.of(), SERVICES.stream().filter(Access.shown(inferOnly, Listing.JOBS, CATALOG)).toList());
    }

    @Test
    void adminSeesEveryEntry() {
        Principal admin = with(Grant.of(EnumSet.of(Verb.ADMIN), List.of()));
        assertEquals(SERVICES, SERVICES.stream().filter(Access.shown(admin, Listing.JOBS, CATALOG)).toList());
    }
}
