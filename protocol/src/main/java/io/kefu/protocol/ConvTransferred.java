package io.kefu.protocol;

/** {@code conv.transferred}: handed over; {@code note} is not sent to the buyer ({@code null} there). */
public record ConvTransferred(String conv, Target from, Target to, String note) implements Frame {
    public static final String TYPE = "conv.transferred";

    @Override
    public String type() {
        return TYPE;
    }
}
