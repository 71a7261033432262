package org.perthensis.debounce;

/**
 * Turns the two lines' 2-bit states ({@code dt << 1 | clk}, after inversion) into detents.
 * At rest, between detents, both lines read 1. Clockwise runs 11, 10, 00, 01, 11.
 */
final class QuadratureDecoder {

    static final int REST = 0b11;
    private static final int X = 2; // both lines changed at once: an edge was lost, the direction is unknown

    /** Indexed by {@code previous << 2 | next}: +1 a clockwise quarter step, -1 counter-clockwise, 0 no change. */
    private static final int[] MOVES = {
        0, +1, -1, X,
        -1, 0, X, +1,
        +1, X, 0, -1,
        X, -1, +1, 0,
    };

    private final boolean fast;
    private int state;
    /** Stable mode: quarter steps since the lines were last at rest. */
    private int quarters;
    /** Fast mode: the quarter step that last left rest, 0 if unknown. */
    private int leftRestBy;

    QuadratureDecoder(boolean fast, int startState) {
        this.fast = fast;
        this.state = startState;
    }

    /**
     * Takes the lines' new state.
     *
     * @return +1 for a clockwise detent, -1 for a counter-clockwise one, 0 for none
     */
    int next(int newState) {
        int move = MOVES[state << 2 | newState];
        int previous = state;
        state = newState;
        if (move == 0) {
            return 0;
        }
        if (move == X) {
            quarters = 0;
            leftRestBy = 0;
            return 0;
        }
        if (previous == REST) {
            leftRestBy = move;
        }
        quarters += move;
        if (newState != REST) {
            return 0;
        }
        int detent;
        if (fast) {
            detent = leftRestBy == -move ? 0 : move; // straight back to where it left rest: a bounce
        } else {
            detent = quarters == 4 ? 1 : quarters == -4 ? -1 : 0;
        }
        quarters = 0;
        leftRestBy = 0;
        return detent;
    }
}
