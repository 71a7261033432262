package org.perthensis.app.config;

import java.time.Duration;
import org.perthensis.api.Durations;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/** Binds {@link Duration} fields of config records from strings such as {@code "5s"}; read by the API's {@link Durations}. */
final class DurationDeserializer extends StdScalarDeserializer<Duration> {

    DurationDeserializer() {
        super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            String text = p.getString();
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, e.getMessage(), text, Duration.class);
            }
        }
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            // A bare number has no unit; guessing milliseconds or seconds would be wrong half the time.
            throw MismatchedInputException.from(p, Duration.class, "expected a duration with a unit such as \""
                    + p.getString() + "ms\" or \"" + p.getString() + "s\", got " + p.getString());
        }
        throw MismatchedInputException.from(p, Duration.class, "expected a duration such as " + Durations.EXAMPLES
                + ", got " + JsonValues.describe(token));
    }
}
