package org.perthensis.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The password, read when it is needed (at each connection attempt, so that a changed file is
 * taken without a restart) from {@code passwordFile} or {@code passwordEnv}. It is never part of
 * a message: failures name the file or the variable only.
 */
final class Password {

    private Password() {
    }

    /**
     * The password's bytes, which the caller zeroes when done, or null without one.
     *
     * @throws LinkFailure naming the file or variable if it cannot be read
     */
    static byte[] read(MqttConfig config) throws LinkFailure {
        if (config.passwordFile() != null) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(Path.of(config.passwordFile()));
            } catch (NoSuchFileException e) {
                throw new LinkFailure(LinkFailure.Kind.SETUP, "passwordFile " + config.passwordFile() + " does not exist");
            } catch (IOException | SecurityException e) {
                throw new LinkFailure(LinkFailure.Kind.SETUP, "cannot read passwordFile " + config.passwordFile() + ": "
                        + (e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage()));
            }
            int end = bytes.length;
            if (end > 0 && bytes[end - 1] == '\n') {
                end--;
                if (end > 0 && bytes[end - 1] == '\r') {
                    end--;
                }
            }
            if (end == bytes.length) {
                return bytes;
            }
            byte[] password = java.util.Arrays.copyOf(bytes, end);
            java.util.Arrays.fill(bytes, (byte) 0);
            return password;
        }
        if (config.passwordEnv() != null) {
            String value = System.getenv(config.passwordEnv());
            if (value == null) {
                throw new LinkFailure(LinkFailure.Kind.SETUP, "passwordEnv: the environment variable "
                        + config.passwordEnv() + " is not set");
            }
            return value.getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }
}
