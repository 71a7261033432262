package org.perthensis.ntp;

/** A reply that must not be used; the message is the reason, as the log line shows it. */
final class BadAnswer extends Exception {
    private static final long serialVersionUID = 1L;

    /** The kiss code of a kiss-o'-death (stratum 0), such as {@code RATE}; {@code null} otherwise. */
    private final String kissCode;

    private BadAnswer(String reason, String kissCode) {
        super(reason, null, false, false);
        this.kissCode = kissCode;
    }

    BadAnswer(String reason) {
        this(reason, null);
    }

    static BadAnswer kissOfDeath(String code) {
        String meaning = switch (code) {
            case "RATE" -> ": asked to send less often";
            case "DENY" -> ": access denied";
            case "RSTR" -> ": access restricted";
            default -> "";
        };
        return new BadAnswer("kiss-o'-death " + code + meaning, code);
    }

    String kissCode() {
        return kissCode;
    }
}
