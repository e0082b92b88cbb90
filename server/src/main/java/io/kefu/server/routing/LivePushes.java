package io.kefu.server.routing;

import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.ConvState;
import io.kefu.protocol.Live;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code live} push of one shop (contract §11, docs/kpis.md): every interval, while a supervisor or admin of
 * the shop is connected, the live picture is compared with the one last pushed; when it changed (a conversation
 * opened, queued, assigned or closed, a buyer started or stopped waiting, an agent's presence or load), its
 * managers get one {@link Live} summary. At most one push per manager per interval however busy the shop, and
 * no timer runs while no manager is connected. The time a buyer has waited grows on its own and is not a
 * change. Confined to the shop's router lane; {@code arm} schedules the next tick on the router's timers.
 */
final class LivePushes {
    private final ShopState shop;
    private final Pushes pushes;
    private final Runnable arm;
    private boolean armed;
    /** The picture last pushed, without the waiting times; null when nothing was pushed or a manager came. */
    private List<Object> last;

    /** {@code arm} schedules one tick an interval from now, which calls {@link #tick} on the lane. */
    LivePushes(ShopState shop, Pushes pushes, Runnable arm) {
        this.shop = shop;
        this.pushes = pushes;
        this.arm = arm;
    }

    /** A manager connected: the next tick pushes to every manager, and the ticks run. */
    void managerConnected() {
        last = null;
        if (!armed) {
            armed = true;
            arm.run();
        }
    }

    /** The interval passed: pushes if the picture changed, and arms the next tick while a manager is connected. */
    void tick(long now) {
        armed = false;
        List<String> managers = shop.connectedManagers();
        if (managers.isEmpty()) {
            last = null;
            return;
        }
        LiveView view = LiveView.of(shop, now);
        List<Object> shape = shape(view);
        if (!shape.equals(last)) {
            last = shape;
            Live push = summary(view);
            for (String m : managers) {
                pushes.to(m, push);
            }
        }
        armed = true;
        arm.run();
    }

    /** What the managers see, without what only the clock changes (the seconds waited and the view's time). */
    private static List<Object> shape(LiveView view) {
        List<Object> shape = new ArrayList<>(view.conversations().size() + view.agents().size());
        for (LiveView.Conversation c : view.conversations()) {
            shape.add(new LiveView.Conversation(c.conv(), c.state(), c.group(), c.agent(), c.buyer(),
                    c.waitingSinceTs(), 0));
        }
        shape.addAll(view.agents());
        return shape;
    }

    static Live summary(LiveView view) {
        int queued = 0;
        int waiting = 0;
        Long oldest = null;
        for (LiveView.Conversation c : view.conversations()) {
            if (ConvState.QUEUED.wire().equals(c.state())) {
                queued++;
            }
            if (c.waitingSinceTs() != null) {
                waiting++;
                oldest = oldest == null ? c.waitingSinceTs() : Math.min(oldest, c.waitingSinceTs());
            }
        }
        int online = 0;
        int chats = 0;
        for (LiveView.Agent a : view.agents()) {
            if (AgentStatus.ONLINE.wire().equals(a.status())) {
                online++;
            }
            chats += a.active();
        }
        return new Live(view.ts(), view.conversations().size(), queued, waiting, oldest, online, chats);
    }
}
