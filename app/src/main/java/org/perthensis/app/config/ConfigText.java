package org.perthensis.app.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** A config file's text, read as UTF-8; a file that is not says where its first bad byte is. */
final class ConfigText {

    private ConfigText() {
    }

    /**
     * Reads a file.
     *
     * @param file its path, as given
     * @return its text
     * @throws ConfigException if it cannot be read or is not UTF-8
     */
    static String read(String file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            throw problem(file + ":1:1", "no such file");
        } catch (IOException | RuntimeException e) {
            throw problem(file + ":1:1", "cannot read it: " + e.getMessage());
        }
        return decode(file, bytes);
    }

    /**
     * Decodes UTF-8 strictly.
     *
     * @param file the name for messages
     * @param bytes the content
     * @return the text
     * @throws ConfigException naming the line and column of the first byte that is not UTF-8
     */
    static String decode(String file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            out.flip();
            String before = out.toString();
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            int column = before.length() - before.lastIndexOf('\n');
            throw problem(file + ":" + line + ":" + column, "not UTF-8 text: byte 0x"
                    + String.format("%02X", bytes[in.position()] & 0xFF) + " here is not a character in UTF-8;"
                    + " save the file as UTF-8");
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    private static ConfigException problem(String where, String message) {
        return new ConfigException(List.of(new ConfigProblem(where, null, message)));
    }
}
