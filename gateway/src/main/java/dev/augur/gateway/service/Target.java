package dev.augur.gateway.service;

import dev.augur.isvc.InferenceService;

/**
 * What a request addresses once routed.
 *
 * @param service the InferenceService
 * @param model   the model name to send the component: the service's name, which is what its predictor serves
 *                (with Host routing the path may say something else, as in KServe)
 */
public record Target(InferenceService service, String model) {
}
