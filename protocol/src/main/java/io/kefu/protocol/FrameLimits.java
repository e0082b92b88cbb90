package io.kefu.protocol;

/**
 * Bounds every codec enforces while decoding, so a hostile peer cannot make a decoder allocate or
 * recurse without limit. Both encodings use the same numbers, so a frame one accepts can be re-encoded
 * in the other and still be accepted by its peer.
 */
public final class FrameLimits {

    /** Longest string value, in UTF-16 code units (as JavaScript counts {@code length}). */
    public static final int MAX_STRING_CHARS = 65_536;

    /**
     * Longest string in UTF-8 bytes: no UTF-16 code unit takes more than three bytes, so this is implied
     * by {@link #MAX_STRING_CHARS} and lets the binary decoder reject a length before reading it.
     */
    public static final int MAX_STRING_BYTES = 3 * MAX_STRING_CHARS;

    /** Most elements of one list or entries of one map, and most repetitions of one repeated field. */
    public static final int MAX_ELEMENTS = 10_000;

    /** Deepest nesting of lists and maps inside a message body; the body object itself is level 1. */
    public static final int MAX_BODY_DEPTH = 16;

    private FrameLimits() {
    }
}
