package io.kefu.protocol;

/**
 * One frame of the wire contract. Each record names its wire type with {@link #type()} ({@code t} on
 * the wire). Frames are immutable values and safe to share between threads.
 */
public sealed interface Frame
        permits Hello, Ping, Pong, Open, Human, Rate, Send, Read, Typing, History, Sync, Status, Pick,
                Transfer, Close, Ok, ErrorFrame, Msg, ConvQueued, ConvAssigned, ConvTransferred, ConvClosed,
                Survey, Notice, ScriptFill, AfterSaleUpdate, Live {

    /** The wire type, the value of {@code t}. */
    String type();

    /**
     * The client-chosen request id ({@code id} on the wire), or {@code null} when the frame carries none.
     * Server pushes and responses return {@code null}.
     */
    default String id() {
        return null;
    }
}
