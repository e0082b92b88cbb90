package io.kefu.server.routing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.protocol.Body;
import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BodyRulesTest {
    private final BodyRules rules = new BodyRules(10);

    @Test
    void wellFormedBodiesOfEveryClientKindPass() {
        assertThatCode(() -> {
            rules.validate("text", Body.text("你好"));
            rules.validate("image", Body.of("url", "https://img.example/a.png"));
            rules.validate("voice", new Body(Map.of("url", "https://v.example/a.amr", "durationMs", 3200L)));
            rules.validate("order", Body.of("orderNo", "240615-1"));
            rules.validate("product", Body.of("productId", "p-9"));
            rules.validate("product", new Body(Map.of("productId", "p-9", "title", "纯棉T恤", "price", 5900L,
                    "image", "https://img.example/p-9.jpg", "url", "https://shop.example/p/9")));
        }).doesNotThrowAnyException();
    }

    @Test
    void eachBadBodySaysWhatIsWrong() {
        assertCode(() -> rules.validate("text", Body.text("   ")), ErrorCode.BAD_FRAME, "blank");
        assertCode(() -> rules.validate("text", Body.text("12345678901")), ErrorCode.TOO_LARGE, "limit is 10");
        assertCode(() -> rules.validate("text", Body.of("txt", "x")), ErrorCode.BAD_FRAME, "send.body.text");
        assertCode(() -> rules.validate("image", Body.of("url", "ftp://x")), ErrorCode.BAD_FRAME, "http(s)");
        assertCode(() -> rules.validate("voice", new Body(Map.of("url", "https://x", "durationMs", -1L))),
                ErrorCode.BAD_FRAME, "durationMs");
        assertCode(() -> rules.validate("product", Body.of("productId", "p".repeat(65))), ErrorCode.BAD_FRAME,
                "send.body.productId");
        assertCode(() -> rules.validate("product", new Body(Map.of("productId", "p-9", "price", -1L))),
                ErrorCode.BAD_FRAME, "send.body.price");
        assertCode(() -> rules.validate("product", new Body(Map.of("productId", "p-9", "price", 9.9))),
                ErrorCode.BAD_FRAME, "send.body.price");
        assertCode(() -> rules.validate("product", new Body(Map.of("productId", "p-9", "title", " "))),
                ErrorCode.BAD_FRAME, "send.body.title");
        assertCode(() -> rules.validate("product", new Body(Map.of("productId", "p-9", "image", "javascript:x"))),
                ErrorCode.BAD_FRAME, "send.body.image");
        assertCode(() -> rules.validate("product", new Body(Map.of("productId", "p-9", "url", 42L))),
                ErrorCode.BAD_FRAME, "send.body.url");
        assertCode(() -> rules.validate("system", Body.text("x")), ErrorCode.FORBIDDEN, "server only");
        assertCode(() -> rules.validate("sticker", Body.text("x")), ErrorCode.BAD_FRAME, "unknown message kind");
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code,
                                   String text) {
        assertThatThrownBy(call).isInstanceOfSatisfying(KefuException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(code);
            org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains(text);
        });
    }
}
