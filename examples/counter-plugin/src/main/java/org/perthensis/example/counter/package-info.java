/**
 * The counter task type: logs 1, 2, 3, ... once a period. Usable from {@code perthensis.json}
 * ({@code {"type": "counter", "every": "1s"}}) and from plain Java through {@link
 * org.perthensis.example.counter.CounterProvider}.
 */
package org.perthensis.example.counter;
