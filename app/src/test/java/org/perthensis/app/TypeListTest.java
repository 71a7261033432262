package org.perthensis.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.perthensis.app.fakes.Configs;
import org.perthensis.app.fakes.FakeProvider;
import org.perthensis.app.providers.ProviderRegistry;
import org.perthensis.app.providers.TypeIndex;

class TypeListTest {

    private static final String VERSION = FakeProvider.class.getModule().getDescriptor().version().orElseThrow().toString();

    @Test
    void listsEveryTypeWithItsModuleVersionAndDescription() {
        ProviderRegistry registry = ProviderRegistry.of(List.of(FakeProvider.of("heartbeat", Configs.Blink.class),
                FakeProvider.of("debounce", Configs.Door.class)));
        String pad = " ".repeat(VERSION.length() - "VERSION".length());
        assertEquals("""
                TYPE       MODULE  VERSION%s  DESCRIPTION
                debounce   app     %s  a debounce for tests
                heartbeat  app     %s  a heartbeat for tests
                """.formatted(pad, VERSION, VERSION), TypeList.format(registry));
    }

    @Test
    void withNoTypesItSaysToAddFeatureModuleJarsNamingThoseTheIndexKnows() {
        assertEquals("No task types on the module path. Add feature module jars next to app.jar.\n",
                TypeList.format(ProviderRegistry.of(List.of())));
        TypeIndex index = TypeIndex.parse("ntp=perthensis-ntp.jar org.perthensis.ntp\nnet=perthensis-net.jar org.perthensis.net\n");
        assertEquals("No task types on the module path. Add feature module jars next to app.jar; this distribution's are"
                + " perthensis-net.jar, perthensis-ntp.jar.\n", TypeList.format(ProviderRegistry.of(List.of(), index)));
    }
}
