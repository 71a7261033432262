package org.perthensis.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.perthensis.api.Buses;
import org.perthensis.api.Entities;
import org.perthensis.api.Entity;
import org.perthensis.api.Event;
import org.perthensis.api.FieldException;
import org.perthensis.api.Metrics;
import org.perthensis.api.Scheduler;
import org.perthensis.api.Task;
import org.perthensis.api.TaskEnvironment;
import org.perthensis.api.TaskHandle;
import org.perthensis.testing.RecordingLogger;

/** Task type {@code bme280} on a fake chip behind Pi4J's mock I2C, under the virtual clock. */
class Bme280TaskTest {

    private final Scheduler s = Scheduler.builder().virtualTime().build();
    private final MockI2cBus bus = new MockI2cBus(() -> s.clock().nanos());
    private final Map<Class<?>, Object> services = new HashMap<>(Map.of(Buses.class, Buses.of(s, Map.of("i2c1", bus))));
    private final RecordingLogger log = new RecordingLogger();
    private final List<Event> events = new ArrayList<>();
    private final Bme280Provider provider = new Bme280Provider();

    Bme280TaskTest() {
        s.events().subscribe("sensor.*", events::add);
    }

    @AfterEach
    void unplug() {
        bus.close();
    }

    private Task create(String name, String config) {
        return provider.create(config(config), TaskEnvironment.of(name, s, log, services));
    }

    /** A config as the runtime binds it: address, every, oversampling "t,p,h" or empty. */
    private static Bme280Provider.Config config(String spec) {
        String[] f = spec.split(" ");
        Bme280Provider.Oversampling o = null;
        if (f.length > 2) {
            String[] x = f[2].split(",");
            o = new Bme280Provider.Oversampling(Integer.valueOf(x[0]), Integer.valueOf(x[1]), Integer.valueOf(x[2]));
        }
        return new Bme280Provider.Config("i2c1", f[0], Duration.parse("PT" + f[1].toUpperCase()), o);
    }

    private static Map<String, Object> reading(double temperature, double humidity, double pressure, String at) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("temperature", temperature);
        p.put("humidity", humidity);
        p.put("pressure", pressure);
        p.put("units", Map.of("temperature", "°C", "humidity", "%", "pressure", "hPa"));
        p.put("at", Instant.parse(at));
        return p;
    }

    @Test
    void readsTheChipIdAndCalibrationAtStartThenPublishesEachMeasurementWithItsUnits() {
        FakeBme280 chip = FakeBme280.realChip(() -> s.clock().nanos());
        bus.plug(0x76, chip);
        s.spawn("indoor", create("indoor", "0x76 1m"));
        s.run(Duration.ofSeconds(90));
        assertEquals(List.of(
                "0ms 0x76 read 0xd0 1", "0ms 0x76 write 0xe0 b6",                  // the chip id; a reset
                "2ms 0x76 read 0x88 26", "2ms 0x76 read 0xe1 7",                   // the calibration, after the start-up time
                "2ms 0x76 write 0xf2 01", "2ms 0x76 write 0xf4 25",                // x1 each, forced mode
                "11.3ms 0x76 read 0xf7 8",                                         // after the longest conversion
                "60002ms 0x76 write 0xf2 01", "60002ms 0x76 write 0xf4 25",
                "60011.3ms 0x76 read 0xf7 8"), bus.transfers);
        assertEquals(List.of("INFO BME280 at 0x76 on bus i2c1 found; measuring every 1min"), log.lines());
        assertEquals(List.of("sensor.indoor", "sensor.indoor"), events.stream().map(Event::topic).toList());
        assertEquals(reading(20.1, 54.76, 932.38, "2000-01-01T00:00:00.011300Z"), events.get(0).payload());
        assertNull(chip.mistake());
    }

    @Test
    void theDatasheetsWorkedExampleIsPublishedAsItsValues() {
        FakeBme280 chip = new FakeBme280(() -> s.clock().nanos(), Bme280.CHIP_ID,
                Bme280Fixtures.firstBlock(Bme280CalibrationTest.DATASHEET), Bme280Fixtures.secondBlock(Bme280CalibrationTest.DATASHEET))
                .then(Bme280CalibrationTest.DATASHEET_ADC_P, Bme280CalibrationTest.DATASHEET_ADC_T, 29919);
        bus.plug(0x77, chip);
        s.spawn("lab", create("lab", "0x77 10s"));
        s.run(Duration.ofSeconds(1));
        assertEquals(reading(25.08, 55.38, 1006.53, "2000-01-01T00:00:00.011300Z"), events.get(0).payload());
        assertNull(chip.mistake());
    }

    @Test
    void twoSensorsOnOneBusNeverInterleaveTheirTransactionsAndAreServedInTheOrderTheyAsked() {
        FakeBme280 indoor = FakeBme280.realChip(() -> s.clock().nanos());
        FakeBme280 outdoor = FakeBme280.realChip(() -> s.clock().nanos());
        bus.plug(0x76, indoor);
        bus.plug(0x77, outdoor);
        s.spawn("indoor", create("indoor", "0x76 1m"));
        s.spawn("outdoor", create("outdoor", "0x77 1m 16,16,16"));
        s.run(Duration.ofSeconds(30));
        // Each blocking transfer hands the turn on, so the other task asks for the bus meanwhile:
        // it waits for the whole transaction, and gets the bus before the one that asks after it.
        assertEquals(List.of(
                "0ms 0x76 read 0xd0 1", "0ms 0x76 write 0xe0 b6",
                "0ms 0x77 read 0xd0 1", "0ms 0x77 write 0xe0 b6",
                "2ms 0x76 read 0x88 26", "2ms 0x76 read 0xe1 7",
                "2ms 0x77 read 0x88 26", "2ms 0x77 read 0xe1 7",
                "2ms 0x76 write 0xf2 01", "2ms 0x76 write 0xf4 25",
                "2ms 0x77 write 0xf2 05", "2ms 0x77 write 0xf4 b5",                // x16 each
                "11.3ms 0x76 read 0xf7 8",
                "114.8ms 0x77 read 0xf7 8"), bus.transfers);                        // 2 + 1.25 + 3 * 16 * 2.3 + 2 * 0.575 ms
        assertEquals(List.of("sensor.indoor", "sensor.outdoor"), events.stream().map(Event::topic).toList());
        assertEquals(Arrays.asList(null, null), Arrays.asList(indoor.mistake(), outdoor.mistake()));
    }

    @Test
    void anUnpluggedDeviceFailsItsRunWithWhatToCheck() {
        TaskHandle run = s.spawn("outdoor", create("outdoor", "0x77 1m"));
        s.run(Duration.ofSeconds(1));
        assertEquals("java.io.IOException: BME280 at 0x77 on bus i2c1 cannot be reached: no answer from 0x77 on I2C bus 1:"
                + " got 0 of 1 bytes from register 0xd0; check its wiring, power and address"
                + " (0x76 with SDO to ground, 0x77 with SDO to VDD)", String.valueOf(run.failure().orElseThrow()));
        assertEquals(List.of("0ms 0x77 read 0xd0 1"), bus.transfers);
        assertEquals(List.of(), events);
    }

    @Test
    void aRunAfterAFailureSetsTheChipUpAfreshOnceItAnswers() {
        Task task = create("outdoor", "0x77 1m");
        TaskHandle first = s.spawn("outdoor", task);
        s.run(Duration.ofSeconds(1));
        bus.plug(0x77, FakeBme280.realChip(() -> s.clock().nanos()));
        s.spawn("outdoor", task); // as the supervisor starts it again after its backoff
        s.run(Duration.ofSeconds(1));
        assertEquals(true, first.failure().isPresent());
        assertEquals(List.of("sensor.outdoor"), events.stream().map(Event::topic).toList());
        assertEquals(20.1, ((Map<?, ?>) events.get(0).payload()).get("temperature"));
    }

    @Test
    void aMeasurementTheChipDidNotMakeFailsTheRunAndTheGaugesGoBlank() {
        Metrics metrics = Metrics.create();
        services.put(Metrics.class, metrics);
        FakeBme280 chip = FakeBme280.realChip(() -> s.clock().nanos());
        bus.plug(0x76, chip);
        Task task = create("indoor", "0x76 1m");
        s.spawn("indoor", task);
        s.run(Duration.ofSeconds(1));
        chip.then(0x80, 0, 0, 0x80, 0, 0, 0x80, 0); // as it reads after losing its power
        s.run(Duration.ofMinutes(1));
        assertEquals(1, events.size());
        bus.plug(0x76, new FakeBme280(() -> s.clock().nanos(), 0x61, new byte[26], new byte[7]));
        TaskHandle again = s.spawn("indoor", task);
        s.run(Duration.ofSeconds(1));
        assertEquals("java.io.IOException: BME280 at 0x76 on bus i2c1 answers with chip id 0x61 (a BME680), not a"
                + " BME280's 0x60; check the address", String.valueOf(again.failure().orElseThrow()));
        assertEquals(List.of(Double.NaN, Double.NaN, Double.NaN), metrics.collect().stream()
                .filter(m -> m.name().startsWith("perthensis_sensor_")).map(Metrics.Sample::value).toList());
    }

    @Test
    void aChipOfAnotherKindIsNamedByItsId() {
        bus.plug(0x76, new FakeBme280(() -> s.clock().nanos(), 0x58, new byte[26], new byte[7]));
        TaskHandle run = s.spawn("indoor", create("indoor", "0x76 1m"));
        s.run(Duration.ofSeconds(1));
        assertEquals("java.io.IOException: BME280 at 0x76 on bus i2c1 answers with chip id 0x58 (a BMP280, which has no"
                + " humidity), not a BME280's 0x60; check the address", String.valueOf(run.failure().orElseThrow()));
    }

    @Test
    void aMeasurementLeftOutIsLeftOutOfTheEventAndTheConversionIsShorter() {
        bus.plug(0x76, FakeBme280.realChip(() -> s.clock().nanos()));
        s.spawn("indoor", create("indoor", "0x76 1m 2,16,0"));
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of("2ms 0x76 write 0xf2 00", "2ms 0x76 write 0xf4 55", "45.225ms 0x76 read 0xf7 8"),
                bus.transfers.subList(4, 7));                                       // 1.25 + 2 * 2.3 + 16 * 2.3 + 0.575 ms
        Map<String, Object> expected = new LinkedHashMap<>(reading(20.1, 0, 932.38, "2000-01-01T00:00:00.045225Z"));
        expected.remove("humidity");
        expected.put("units", Map.of("temperature", "°C", "pressure", "hPa"));
        assertEquals(expected, events.get(0).payload());
    }

    @Test
    void eachMeasuredQuantityIsDescribedAsASensorEntityWithItsDeviceClassAndUnit() {
        TaskEnvironment env = TaskEnvironment.of("indoor", s, log, services);
        provider.create(config("0x76 1m 2,16,0"), env);
        assertEquals(List.of("indoor_temperature 'indoor temperature' temperature °C",
                        "indoor_pressure 'indoor pressure' pressure hPa"),
                Entities.of(env).all().stream().map(e -> e.objectId() + " '" + e.name() + "' " + e.deviceClass() + " "
                        + e.unit()).toList());
        Entity pressure = Entities.of(env).all().get(1);
        assertEquals(Entity.Kind.SENSOR, pressure.kind());
        assertEquals("sensor.indoor", pressure.pattern());
        assertEquals(932.38, pressure.state().apply(new Event("sensor.indoor", reading(20.1, 54.76, 932.38,
                "2000-01-01T00:00:00Z"), 0, 1)));
    }

    @Test
    void eachReadingIsAGaugeOfTheTask() {
        Metrics metrics = Metrics.create();
        services.put(Metrics.class, metrics);
        bus.plug(0x76, FakeBme280.realChip(() -> s.clock().nanos()));
        s.spawn("indoor", create("indoor", "0x76 1m"));
        s.run(Duration.ofSeconds(1));
        assertEquals(List.of("perthensis_sensor_humidity{task=indoor,unit=%} 54.76",
                        "perthensis_sensor_pressure{task=indoor,unit=hPa} 932.38",
                        "perthensis_sensor_temperature{task=indoor,unit=°C} 20.1"),
                metrics.collect().stream().filter(m -> m.name().startsWith("perthensis_sensor_")).map(m -> m.name() + "{task=" + m.labels().get("task") + ",unit="
                        + m.labels().get("unit") + "} " + m.value()).toList());
    }

    @Test
    void aBusTheConfigDoesNotHaveOrAnAddressAnotherTaskReadsIsAFieldMistake() {
        FieldException noBus = assertThrows(FieldException.class, () -> provider.create(
                new Bme280Provider.Config("i2c0", "0x76", null, null), TaskEnvironment.of("a", s, log, services)));
        assertEquals(List.of("bus", "no I2C bus is named \"i2c0\"; the buses are i2c1"), List.of(noBus.field(), noBus.problem()));
        create("indoor", "0x76 1m");
        FieldException taken = assertThrows(FieldException.class, () -> create("again", "118 1m"));
        assertEquals(List.of("address", "0x76 on bus i2c1 is already read by task 'indoor'"),
                List.of(taken.field(), taken.problem()));
    }

    @Test
    void theConfigSaysWhatIsWrongInTheOneMessageForm() {
        assertEquals("address: must be an I2C address from 0x03 to 0x77, such as \"0x76\" or 118, got \"0x78\"",
                assertThrows(FieldException.class, () -> new Bme280Provider.Config("i2c1", "0x78", null, null)).getMessage());
        assertEquals("every: must be positive, got 0s",
                assertThrows(FieldException.class, () -> new Bme280Provider.Config("i2c1", null, Duration.ZERO, null)).getMessage());
        assertEquals("humidity: must be 0 (left out), 1, 2, 4, 8 or 16, got 3",
                assertThrows(FieldException.class, () -> new Bme280Provider.Oversampling(null, null, 3)).getMessage());
        assertEquals("temperature: must be 1, 2, 4, 8 or 16, as pressure and humidity are compensated with the temperature, got 0",
                assertThrows(FieldException.class, () -> new Bme280Provider.Oversampling(0, null, null)).getMessage());
        Bme280Provider.Config defaults = new Bme280Provider.Config("i2c1", null, null, null);
        assertEquals(List.of(0x76, Duration.ofMinutes(1), new Bme280Provider.Oversampling(1, 1, 1)),
                List.of(defaults.addressNumber(), defaults.every(), defaults.oversampling()));
    }
}
