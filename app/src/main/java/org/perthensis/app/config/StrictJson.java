package org.perthensis.app.config;

import java.time.Duration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * The one Jackson mapper for config files: strict, so a mistake is reported rather than guessed
 * at. {@code "17"} is not a pin number, {@code 1.5} not an integer, {@code 5} not a string;
 * unknown fields, duplicate keys and enum indexes are errors; enum values match in any case ({@code "down"}).
 * A component {@code if_} binds the field {@code "if"} (see {@link FieldNames}).
 */
final class StrictJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                    DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfigDefaults(c -> c
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .propertyNamingStrategy(new FieldNames())
            .addModule(new SimpleModule("perthensis-durations").addDeserializer(Duration.class, new DurationDeserializer()))
            .build();

    private StrictJson() {
    }
}
