package dev.augur.operator.service;

import dev.augur.operator.crd.ComponentStatus;

/**
 * What one component reports: its status entry and its readiness ({@code "True"}, {@code "False"},
 * {@code "Unknown"}) with the reason, for its {@code <Component>Ready} condition.
 */
record ComponentState(ComponentStatus status, String ready, String reason, String message) {
}
