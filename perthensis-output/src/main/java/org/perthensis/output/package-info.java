/**
 * GPIO outputs that act: task type {@code output} ({@link org.perthensis.output.OutputProvider}),
 * a relay, a lamp or a buzzer switched by commands that arrive as events, from rules, from MQTT
 * or from any task, left in a safe state however its task ends and never on for longer than
 * {@code maxOn}.
 */
package org.perthensis.output;
