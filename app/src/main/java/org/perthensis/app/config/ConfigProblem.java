package org.perthensis.app.config;

/**
 * One mistake in a config file, printed as {@code file:line:column: $.tasks[2].settle: message}.
 *
 * @param where {@code file:line:column}, or the file alone
 * @param path the JSON path of the value at fault, or null for the file as a whole
 * @param message what was expected and what was found
 */
public record ConfigProblem(String where, String path, String message) {

    @Override
    public String toString() {
        return where + ": " + (path == null ? "" : path + ": ") + message;
    }
}
