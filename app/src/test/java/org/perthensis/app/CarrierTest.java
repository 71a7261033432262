package org.perthensis.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class CarrierTest {

    @Test
    void oneCarrierIsChosenWhenTheCommandLineSetsNone() {
        Properties properties = new Properties();
        Main.preferOneCarrier(properties);
        assertEquals("1", properties.getProperty(Main.CARRIERS));
    }

    @Test
    void aCarrierCountFromTheCommandLineIsKept() {
        Properties properties = new Properties();
        properties.setProperty(Main.CARRIERS, "4");
        Main.preferOneCarrier(properties);
        assertEquals("4", properties.getProperty(Main.CARRIERS));
    }
}
