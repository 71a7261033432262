package org.perthensis.mqtt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One message for the broker, as the outbox keeps it: topic, payload and whether the broker
 * retains it. The journal stores it as a flag byte, the topic's length (two bytes), the topic in
 * UTF-8 and the payload.
 */
record Message(String topic, byte[] payload, boolean retain) {

    byte[] encode() {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(3 + t.length + payload.length)
                .put((byte) (retain ? 1 : 0)).putShort((short) t.length).put(t).put(payload).array();
    }

    static Message decode(byte[] stored) {
        ByteBuffer b = ByteBuffer.wrap(stored);
        boolean retain = (b.get() & 1) != 0;
        int length = Short.toUnsignedInt(b.getShort());
        String topic = new String(stored, 3, length, StandardCharsets.UTF_8);
        return new Message(topic, Arrays.copyOfRange(stored, 3 + length, stored.length), retain);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && m.retain == retain && m.topic.equals(topic) && Arrays.equals(m.payload, payload);
    }

    @Override
    public int hashCode() {
        return topic.hashCode() * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return topic + " " + new String(payload, StandardCharsets.UTF_8) + (retain ? " (retained)" : "");
    }
}
