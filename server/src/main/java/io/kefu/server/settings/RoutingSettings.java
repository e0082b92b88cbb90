package io.kefu.server.settings;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A shop's routing settings (contract §5), immutable and valid by construction ({@link RoutingSettingsJson}
 * validates what comes over the wire). Times are seconds; 0 turns that timer off.
 *
 * @param timeZone        the zone of business hours and shifts
 * @param businessHours   when the shop answers; always when empty
 * @param urgentKeywords  a first buyer message containing one of these is {@code urgent}
 * @param vipTags         a buyer carrying one of these shop tags is {@code vip}
 * @param tagGroups       shop buyer tag → group id: such buyers go to that group first
 * @param graceSec        how long an agent whose last connection dropped keeps their chats
 * @param stickyDays      a buyer returning within this many days is offered to their last agent
 * @param stickyWaitSec   how long to wait for that agent's free slot before routing normally
 * @param queueTimeoutSec after this long in the queue the buyer is told they may leave a message
 * @param noAnswerSec     an assigned buyer unanswered this long is transferred to another agent
 * @param noAnswerAway    and the silent agent is set {@code away}
 * @param idleCloseSec    a conversation without any message this long is closed
 * @param welcomeText     sent to the buyer when a conversation is first assigned; none when null
 * @param afterHoursText  sent to the buyer who opens outside business hours; none when null
 * @param aftersaleReplyHours a {@code requested} after-sale the shop has not answered within this many hours is
 *                        approved by the server (contract §10; docs/aftersales.md); 0 = never
 */
public record RoutingSettings(ZoneId timeZone, WeeklyHours businessHours, List<String> urgentKeywords,
                              List<String> vipTags, Map<String, String> tagGroups, int graceSec, int stickyDays,
                              int stickyWaitSec, int queueTimeoutSec, int noAnswerSec, boolean noAnswerAway,
                              int idleCloseSec, String welcomeText, String afterHoursText, int aftersaleReplyHours) {
    public static final RoutingSettings DEFAULT = new RoutingSettings(ZoneId.of("Asia/Shanghai"),
            WeeklyHours.ALWAYS, List.of("账号被盗", "盗刷", "支付异常", "被骗"), List.of("vip"), Map.of(), 60, 7, 30,
            300, 180, true, 1800, null, null, 48);

    /** The longest {@code aftersaleReplyHours}: 30 days. */
    public static final int MAX_AFTERSALE_REPLY_HOURS = 720;

    /** Longest welcome or after-hours text. */
    public static final int MAX_AUTO_TEXT = 500;

    public RoutingSettings {
        urgentKeywords = List.copyOf(urgentKeywords);
        vipTags = List.copyOf(vipTags);
        tagGroups = Map.copyOf(tagGroups);
    }

    /** Whether {@code text} contains an urgent keyword. */
    public boolean isUrgent(String text) {
        if (text == null) {
            return false;
        }
        for (String k : urgentKeywords) {
            if (text.contains(k)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a buyer with these shop tags is a VIP. */
    public boolean isVip(List<String> tags) {
        for (String t : tags) {
            if (vipTags.contains(t)) {
                return true;
            }
        }
        return false;
    }
}
