package io.kefu.protocol;

/**
 * {@code aftersale} (v1.1): an after-sale ticket was created or changed. Pushed to the ticket's buyer and, when
 * the ticket is linked to an open conversation, to that conversation's agent; the same change is also a
 * {@code system} message in that conversation.
 */
public record AfterSaleUpdate(AfterSaleTicket aftersale) implements Frame {
    public static final String TYPE = "aftersale";

    @Override
    public String type() {
        return TYPE;
    }
}
