package dev.augur.gateway.service;

import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.InferenceService;

/**
 * What a request addresses once routed.
 *
 * @param service the InferenceService
 * @param model   the model name to send the component: the service's name, which is what its predictor serves
 *                (with Host routing the path may say something else, as in KServe)
 * @param component the component a Host of {@code <isvc>-<component>.<namespace>.<domain>} addressed (how a
 *                  transformer or explainer reaches its own predictor through the gateway), or null to enter where
 *                  the request kind says
 */
public record Target(InferenceService service, String model, ComponentKind component) {
}
