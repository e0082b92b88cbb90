package io.kefu.protocol;

import java.util.List;

/**
 * An after-sale ticket as pushed (v1.1, contract §10): refund, return or exchange of an order. {@code type} is
 * {@code refund}, {@code return} or {@code exchange}; {@code state} one of {@code requested}, {@code approved},
 * {@code rejected}, {@code awaiting_return}, {@code received}, {@code refunded}, {@code exchanged},
 * {@code disputed}, {@code resolved}. {@code amount} is in fen ({@code null}: none asked). {@code conv} is the
 * linked conversation, or {@code null}. {@code replyBy} is when a {@code requested} ticket is approved by the
 * server if the shop has not answered ({@code null} in any other state). {@code last} is the change that caused
 * the push ({@code null} when there is none to tell). Codecs treat type and state as open strings, so a newer
 * server's values reach an older client unchanged.
 */
public record AfterSaleTicket(String id, String shopId, String orderNo, String buyerId, String conv, String type,
                              String state, String reason, Long amount, List<String> evidence, long createdAt,
                              long updatedAt, Long replyBy, AfterSaleStep last) {
    public AfterSaleTicket {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
