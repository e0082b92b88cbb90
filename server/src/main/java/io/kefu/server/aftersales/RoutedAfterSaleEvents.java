package io.kefu.server.aftersales;

import io.kefu.protocol.Body;
import io.kefu.server.conversation.ShopCalls;
import io.kefu.server.routing.spi.KpiEvent;
import io.kefu.server.webhooks.WebhookEvent;
import io.kefu.server.webhooks.WebhookEvents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells people of each change (contract §10): a {@code system} message in the ticket's linked conversation (when it
 * is open) and the {@code aftersale} push to its participants, or to the buyer alone, through the shop's router;
 * the KPI figures {@code aftersales} and {@code refundRate}; and the shop's webhooks ({@code aftersale.updated}).
 * Called on a store thread; only posts (the router's mailbox, the KPI queue, the webhook queue), never blocks.
 */
public final class RoutedAfterSaleEvents implements AfterSaleEvents {
    private static final Logger log = LoggerFactory.getLogger(RoutedAfterSaleEvents.class);
    private static final Map<AfterSaleType, String> TYPES = Map.of(AfterSaleType.REFUND, "仅退款",
            AfterSaleType.RETURN, "退货退款", AfterSaleType.EXCHANGE, "换货");
    private static final Map<AfterSaleState, String> STATES = Map.of(AfterSaleState.REQUESTED, "已提交，等待商家处理",
            AfterSaleState.APPROVED, "商家已同意", AfterSaleState.REJECTED, "商家已拒绝",
            AfterSaleState.AWAITING_RETURN, "商家已同意，请寄回商品", AfterSaleState.RECEIVED, "商家已收到退回的商品",
            AfterSaleState.REFUNDED, "已退款", AfterSaleState.EXCHANGED, "换货已寄出",
            AfterSaleState.DISPUTED, "已申请平台介入", AfterSaleState.RESOLVED, "平台已处理完毕");

    private final ShopCalls routers;
    private final Consumer<KpiEvent> kpi;
    private final WebhookEvents webhooks;

    public RoutedAfterSaleEvents(ShopCalls routers, Consumer<KpiEvent> kpi, WebhookEvents webhooks) {
        this.routers = routers;
        this.kpi = kpi;
        this.webhooks = webhooks;
    }

    @Override
    public void changed(AfterSale t, List<AfterSale.Step> steps) {
        AfterSale.Step last = steps.get(steps.size() - 1);
        KpiEvent.Conv shop = new KpiEvent.Conv(t.shopId(), t.conv(), null, null, null);
        if (steps.get(0).action() == AfterSaleAction.CREATE) {
            kpi.accept(new KpiEvent.AfterSale(shop, last.ts(), false));
        }
        if (last.to() == AfterSaleState.REFUNDED) {
            kpi.accept(new KpiEvent.AfterSale(shop, last.ts(), true));
        }
        webhooks.publish(t.shopId(), WebhookEvent.AFTERSALE_UPDATED, () -> AfterSaleJson.json(t));
        routers.afterSale(t.shopId(), t.conv(), t.buyerId(), message(t, steps), AfterSaleJson.push(t, last))
                .whenComplete((v, e) -> {
                    if (e != null) {
                        log.warn("after-sale {} of shop {}: its message or push failed: {}", t.id(), t.shopId(),
                                e.toString());
                    }
                });
    }

    /** {@code {text, aftersale, state}}: e.g. "售后（退货退款）订单 SO-1：商家已同意，请寄回商品". */
    static Body message(AfterSale t, List<AfterSale.Step> steps) {
        String note = AfterSaleJson.notes(steps);
        String text = "售后（" + TYPES.get(t.type()) + "）订单 " + t.orderNo() + "：" + STATES.get(t.state())
                + (note == null ? "" : "。" + note);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        body.put("aftersale", t.id());
        body.put("state", t.state().wire());
        return new Body(body);
    }
}
