package org.perthensis.debounce;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;

/** A Pi4J context on the mock plugin, as the runtime makes one off the board. */
final class MockGpio {

    private MockGpio() {
    }

    static Context context() {
        return Pi4J.newContextBuilder().add(MockDigitalInputProvider.newInstance()).build();
    }

    /** Sets a mock input's level; its listeners run on the calling thread, as Pi4J's would on its own. */
    static void set(Context pi4j, String id, boolean high) {
        MockDigitalInput input = pi4j.registry().get(id, MockDigitalInput.class);
        input.mockState(high ? DigitalState.HIGH : DigitalState.LOW);
    }
}
