package org.perthensis.api;

import java.util.Objects;

/**
 * A setting that is wrong, naming the field at fault: what a config record's constructor or a
 * {@link TaskProvider#create provider} throws, usually through {@link Checks}. The runtime
 * reports it at that field's line and column in the config file.
 *
 * <p>The message is {@code field: problem}, such as {@code settle: must be positive, got 0s}.
 * A field inside a nested value is named by its path from the record, such as
 * {@code alerts[1].pattern} or {@code reconnect.initial}.
 */
public class FieldException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The field's path from the record. */
    private final String field;
    /** What is wrong, in the user's words. */
    private final String problem;

    /**
     * Names a field and what is wrong with it.
     *
     * @param field the field's name, or its path from the record such as {@code alerts[1].pattern}
     * @param problem what is wrong and what would be right, such as {@code must be positive, got 0s}
     */
    public FieldException(String field, String problem) {
        super(Objects.requireNonNull(field, "field") + ": " + Objects.requireNonNull(problem, "problem"));
        this.field = field;
        this.problem = problem;
    }

    /**
     * The field at fault.
     *
     * @return its name, or its path from the record
     */
    public String field() {
        return field;
    }

    /**
     * What is wrong with it.
     *
     * @return the message without the field's name
     */
    public String problem() {
        return problem;
    }

    /**
     * The same problem, for a field one level further out: how a record that checks a nested
     * value passes the problem on, such as {@code alerts[1]} plus {@code pattern}.
     *
     * @param outer the path of the value that holds this field
     * @return the problem at {@code outer.field}
     */
    public FieldException within(String outer) {
        FieldException moved = new FieldException(outer + (field.startsWith("[") ? "" : ".") + field, problem);
        moved.initCause(this);
        return moved;
    }
}
