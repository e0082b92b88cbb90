package io.kefu.server.aftersales;

import java.util.List;

/**
 * A ticket as asked for ({@code POST .../aftersales}), its fields already checked one by one
 * ({@link AfterSaleRules}): the order, the linked conversation or null, the type, the buyer's reason, the amount in
 * fen or null, and evidence URLs.
 */
public record NewAfterSale(String orderNo, String conv, AfterSaleType type, String reason, Long amount,
                           List<String> evidence) {
    public NewAfterSale {
        evidence = List.copyOf(evidence);
    }
}
