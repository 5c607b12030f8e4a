package dev.augur.operator.service;

import dev.augur.operator.crd.ComponentStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;

/** A Deployment's status as a component status: ready when available (no revisions or traffic in this mode). */
final class StandardStatus {

    private StandardStatus() {
    }

    static ComponentState of(Deployment d, String url) {
        ComponentStatus out = new ComponentStatus();
        out.setUrl(url);
        if (d == null || d.getStatus() == null || d.getStatus().getConditions() == null) {
            return new ComponentState(out, "Unknown", "Creating", "the Deployment has no status yet");
        }
        for (DeploymentCondition c : d.getStatus().getConditions()) {
            if ("Available".equals(c.getType())) {
                return new ComponentState(out, c.getStatus(), c.getReason(), c.getMessage());
            }
        }
        return new ComponentState(out, "Unknown", "Creating", "the Deployment reports no Available condition yet");
    }
}
