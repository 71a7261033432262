/**
 * Rules in the config file: task type {@code rule} ({@link org.perthensis.rule.RuleProvider}).
 * When an event comes and its payload matches, a rule runs its {@link org.perthensis.rule.Action}s
 * in order: switch or pulse an output through its command event, wait, publish an event.
 */
package org.perthensis.rule;
