package org.perthensis.mqtt;

/**
 * Why a call on a {@link Link} failed, in the user's words and without the client library's
 * names: {@code connection refused}, {@code the broker refused the user name or password}.
 */
final class LinkFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of failure it is: the retry policy differs. */
    enum Kind {
        /** The connection is gone or could not be made; try again later. */
        CONNECTION,
        /** The broker refused this login; the same login will be refused again until someone changes it. */
        LOGIN,
        /** The broker refused this one message or subscription; sending it again would not help. */
        REFUSED,
        /** The settings cannot work (a CA file that cannot be read); fixed only by changing them. */
        SETUP
    }

    private final Kind kind;

    LinkFailure(Kind kind, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    boolean refused() {
        return kind == Kind.REFUSED;
    }
}
