package io.kefu.server.aftersales;

import java.util.List;

/**
 * Hears every stored change of a ticket: {@code steps} are the history steps the change added (one, or two when
 * the server's own step followed), {@code ticket} the ticket after them. Called on a store thread; must not block.
 */
public interface AfterSaleEvents {
    AfterSaleEvents NONE = (ticket, steps) -> { };

    void changed(AfterSale ticket, List<AfterSale.Step> steps);
}
