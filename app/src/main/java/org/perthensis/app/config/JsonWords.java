package org.perthensis.app.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;

/**
 * Jackson's messages about a file that is not valid JSON, in the words of someone who wrote
 * the file: without Jackson's feature and class names, its redacted source excerpts and its
 * character codes where a plain word does.
 */
final class JsonWords {

    private static final Pattern LIMIT = Pattern.compile(
            "(Document nesting depth|Number value length|String value length|Name length) \\((\\d+)\\) exceeds the maximum"
                    + " allowed \\((\\d+)");
    private static final Pattern ESCAPE = Pattern.compile("Unrecognized character escape '(.)'");
    private static final Pattern CONTROL = Pattern.compile("Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\)");
    private static final Pattern NON_STANDARD = Pattern.compile("Non-standard token '([^']*)'");
    private static final Pattern UNEXPECTED = Pattern.compile("Unexpected character \\('(.+?)' \\(code \\d+\\)\\):? (.*)");
    private static final Pattern TOKEN = Pattern.compile("Unrecognized token '([^']*)'");

    private JsonWords() {
    }

    /**
     * What is wrong, for the message after {@code not valid JSON: }.
     *
     * @param e what Jackson threw while reading the tokens
     * @param open the path of the innermost object or list still open, or null
     * @param openAt where that one starts, {@code file:line:column}, or null
     * @return the words
     */
    static String syntax(JacksonException e, String open, String openAt) {
        String message = firstLine(e.getOriginalMessage());
        Matcher m = LIMIT.matcher(message);
        if (e instanceof StreamConstraintsException && m.find()) {
            return switch (m.group(1)) {
                case "Document nesting depth" -> "objects and lists nested too deep: more than " + m.group(3) + " levels";
                case "Number value length" -> "a number of more than " + m.group(3) + " digits";
                case "String value length" -> "a string of more than " + m.group(3) + " characters";
                default -> "a field name of more than " + m.group(3) + " characters";
            };
        }
        if (e instanceof UnexpectedEndOfInputException) {
            if (open != null && (message.contains("close marker for Array") || message.contains("close marker for Object"))) {
                String what = message.contains("Array") ? "list" : "object";
                return "the file ends inside the " + what + " " + open + " (" + openAt + "); a closing "
                        + (what.equals("list") ? "']'" : "'}'") + " is missing";
            }
            return "the file ends in the middle of a value: " + strip(message.replace("Unexpected end-of-input: ", ""));
        }
        if ((m = ESCAPE.matcher(message)).find()) {
            return "'\\" + m.group(1) + "' is not an escape JSON knows; in a string a backslash starts"
                    + " \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX, so write a backslash itself as \\\\";
        }
        if (message.contains("expected a hex-digit for character escape sequence")) {
            return "'\\u' must be followed by four hex digits, such as \\u00e9";
        }
        if ((m = CONTROL.matcher(message)).find()) {
            int code = Integer.parseInt(m.group(1));
            return "a control character (code " + code + (code == 9 ? ", a tab" : code == 10 ? ", a line break" : "")
                    + ") inside a string; write it escaped, such as \\t for a tab or \\n for a line break";
        }
        if ((m = NON_STANDARD.matcher(message)).find()) {
            return m.group(1) + " is not a number in JSON";
        }
        if ((m = UNEXPECTED.matcher(message)).find() && !message.contains("maybe a (non-standard) comment")) {
            return "unexpected '" + m.group(1) + "': " + expected(m.group(1), m.group(2));
        }
        if ((m = TOKEN.matcher(message)).find()) {
            return "'" + m.group(1) + "' is not a value; text must be in double quotes, such as \"" + m.group(1) + "\"";
        }
        if (message.contains("maybe a (non-standard) comment")) {
            return "comments are not allowed in JSON";
        }
        if (message.contains("numbers to have plus signs")) {
            return "a number cannot start with '+' in JSON; leave the sign out";
        }
        if (message.contains("hexadecimal number literals")) {
            return "hexadecimal numbers are not allowed in JSON; write it in decimal";
        }
        return strip(message);
    }

    /** What Jackson says it expected after an unexpected character, as a writer of the file would put it. */
    private static String expected(String found, String jackson) {
        if (jackson.contains("double-quote to start")) {
            return "expected the next field's name in double quotes" + (found.equals("}") ? " (is there a ',' too many"
                    + " before it?)" : "");
        }
        if (jackson.contains("colon to separate")) {
            return "expected ':' between a field's name and its value";
        }
        if (jackson.contains("comma to separate Object")) {
            return "expected ',' between the fields of an object";
        }
        if (jackson.contains("comma to separate Array")) {
            return "expected ',' between the elements of a list";
        }
        if (jackson.contains("expected a value") || jackson.contains("expected a valid value")) {
            return "expected a value: text in double quotes, a number, true, false, null, an object or a list"
                    + (found.equals("]") ? " (is there a ',' too many before it?)" : "");
        }
        return strip(jackson.replace("was expecting", "expected"));
    }

    /** Cuts off Jackson's advice on its own features, which a config file cannot use, and its source excerpts. */
    private static String strip(String message) {
        String m = message;
        for (String cut : new String[] {": enable `", " (start marker at [Source", " at [Source"}) {
            int at = m.indexOf(cut);
            if (at >= 0) {
                m = m.substring(0, at);
            }
        }
        return m.replace("`", "");
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
