package io.kefu.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance of every frame type and every {@link OkResult}, once with every optional field set and
 * once with the optional fields {@code null}. Shared by the codec tests and the fuzz tests.
 */
public final class SampleFrames {
    private SampleFrames() {
    }

    /** A typical text body: Chinese and ASCII, as buyers write. */
    public static final String TEXT = "您好，我想问一下订单 2024061512345 的物流，什么时候能到？Thanks!";

    public static Msg textMsg() {
        return new Msg("c_8f3a2b1c9d", 42, new Party(PartyType.BUYER, "b_10293847"), "text", Body.text(TEXT),
                1_718_000_000_123L, "m_7d1e4f");
    }

    /** Every frame type with every optional field set. */
    public static List<Frame> full() {
        List<Frame> frames = new ArrayList<>(List.of(
                new Hello("1", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJiMSJ9.sig"),
                new Ping("2"),
                new Pong("2", 1_718_000_000_000L),
                new Open("3", "s1", new Entry(Entry.PRODUCT, "p-998"), "这个有货吗？"),
                new Human("4", "c1"),
                new Rate("5", "c1", 5, "很满意 great"),
                new Send("6", "c1", "m1", "image", richBody()),
                new Read("7", "c1", 42, "a1"),
                new Typing("8", "c1", "b1"),
                new History("9", "c1", 100L, 50),
                new Sync("10", "c1", 41, 200),
                new Status("11", AgentStatus.BUSY),
                new Pick("12", "c1"),
                new Transfer("13", "c1", "a2", "g2", "VIP, handle with care"),
                new Close("14", "c1", "resolved"),
                new ErrorFrame("15", ErrorCode.BLOCKED_CONTENT, "message contains a phone number",
                        new RuleRef("platform-phone", "手机号 phone numbers")),
                Send.script("16", "c1", "m2", "sc_1"),
                new ScriptFill("17", "c1", "sc_1"),
                textMsg(),
                textMsg().withReplyBy(1_718_000_180_123L),
                new ConvQueued("c1", "g1", 3, 120, ConvQueued.VIP),
                new ConvAssigned("c1", new AgentRef("a1", "小王"), "g1",
                        new BuyerRef("b1", "张三", List.of("vip", "repeat")), new Entry(Entry.ORDER, "o-1"), true,
                        1_718_000_180_000L),
                new ConvTransferred("c1", Target.agent("a1"), new Target("a2", "g2"), "needs refund review",
                        ConvTransferred.NO_ANSWER, 1_718_000_180_000L),
                Status.push("a7", AgentStatus.AWAY, "no_answer"),
                new Notice("c1", Notice.AFTER_HOURS, "我们 8:00 上班", 1_718_000_000_000L),
                new Live(1_718_000_060_000L, 12, 3, 5, 1_718_000_000_000L, 4, 9),
                new ConvClosed("c1", "a1", "resolved"),
                new Survey("c1"),
                new AfterSaleUpdate(new AfterSaleTicket("1789012345678901234", "s1", "2024061512345", "b1", "c1",
                        "return", "awaiting_return", "尺码不合适 wrong size", 11_790L,
                        List.of("https://img.example.com/e/1.jpg", "http://img.example.com/e/2.jpg"),
                        1_718_000_000_000L, 1_718_000_100_000L, null,
                        new AfterSaleStep(null, "system", "await_return", "approved", "awaiting_return",
                                "请寄回 please send it back", 1_718_000_100_000L)))));
        frames.addAll(fullOks());
        return frames;
    }

    /** Every frame type with its optional fields {@code null} (and lists empty). */
    public static List<Frame> minimal() {
        return List.of(
                new Hello(null, "t"),
                new Ping(null),
                new Pong(0),
                new Open(null, "s1", null, null),
                new Open(null, "s1", new Entry(Entry.SHOP, null), null),
                new Human(null, "c1"),
                new Rate(null, "c1", 1, null),
                new Send(null, "c1", "m1", "text", Body.EMPTY),
                new Read(null, "c1", 0, null),
                new Typing(null, "c1", null),
                new History(null, "c1", null, null),
                new Sync(null, "c1", 0, null),
                new Status(null, AgentStatus.OFFLINE),
                new Pick(null, "c1"),
                new Transfer(null, "c1", null, "g2", null),
                new Transfer(null, "c1", "a2", null, null),
                new Close(null, "c1", null),
                new Ok(null, OkResult.Empty.INSTANCE),
                Ok.empty("1"),
                new ErrorFrame(null, ErrorCode.INTERNAL, ""),
                new Msg("c1", 1, new Party(PartyType.SYSTEM, null), "system", Body.EMPTY, 0, null),
                new ConvQueued("c1", null, 1, 0),
                new ConvAssigned("c1", new AgentRef("a1", null), null, null, null),
                new ConvAssigned("c1", new AgentRef("a1", null), null, new BuyerRef("b1", null, null), null),
                new ConvTransferred("c1", null, Target.group("g2"), null),
                new ConvClosed("c1", null, null),
                new Survey("c1"),
                new Notice("c1", Notice.QUEUE_TIMEOUT, null, null),
                new Live(1, 0, 0, 0, null, 0, 0),
                new AfterSaleUpdate(new AfterSaleTicket("t1", null, "o-1", null, null, "refund", "requested", null,
                        null, null, 0, 0, 0L, null)),
                new AfterSaleUpdate(new AfterSaleTicket("t1", null, "o-1", null, null, "refund", "approved", null,
                        0L, List.of(), 1, 2, null, new AfterSaleStep(null, null, "approve", null, "approved", null, 0))),
                new Ok("2", new OkResult.HelloResult("b1", Role.BUYER, null, "s", 0, 0, null)),
                new Ok("3", new OkResult.MessagesResult(null)));
    }

    private static List<Frame> fullOks() {
        return List.of(
                Ok.empty("20"),
                new Ok("21", new OkResult.HelloResult("a1", Role.SUPERVISOR, "s1", "sess-9", 30,
                        1_718_000_000_000L, List.of(
                                new ConvSummary("c1", "s1", ConvState.ASSIGNED, 42, 1_718_000_180_000L),
                                new ConvSummary("c2", "s1", ConvState.QUEUED, 0)))),
                new Ok("22", new OkResult.OpenResult("c1", ConvState.BOT)),
                new Ok("23", new OkResult.SendResult("c1", 43, 1_718_000_000_456L)),
                new Ok("24", new OkResult.SendResult("c1", 44, 1_718_000_000_789L, "您好 张三，订单已发货",
                        new RuleRef("r1", "外链 links"))),
                new Ok("25", new OkResult.ScriptFillResult("您好 {buyer.name}", List.of("buyer.name"))),
                new Ok("26", new OkResult.ScriptFillResult("", List.of())),
                new Ok("24", new OkResult.MessagesResult(List.of(textMsg(),
                        new Msg("c_8f3a2b1c9d", 43, new Party(PartyType.AGENT, "a1"), "order",
                                Body.of("orderNo", "2024061512345"), 1_718_000_000_999L, null)))));
    }

    /** A body using every value type: strings, integers, doubles, booleans, lists, maps, nulls in lists. */
    public static Body richBody() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("w", 640L);
        nested.put("h", 480L);
        nested.put("ratio", 1.3333);
        List<Object> list = new ArrayList<>();
        list.add("a");
        list.add(-7L);
        list.add(null);
        list.add(List.of(true, false));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("url", "https://img.example.com/p/1.jpg");
        fields.put("durationMs", 1500L);
        fields.put("text", "图片");
        fields.put("orderNo", "2024061512345");
        fields.put("productId", "p-998");
        fields.put("size", nested);
        fields.put("tags", list);
        fields.put("hd", true);
        fields.put("score", -0.5);
        fields.put("big", Long.MIN_VALUE);
        return new Body(fields);
    }
}
