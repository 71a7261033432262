/**
 * Help for testing tasks, alongside the scheduler's virtual clock
 * ({@code Scheduler.builder().virtualTime()}).
 */
package org.perthensis.testing;
