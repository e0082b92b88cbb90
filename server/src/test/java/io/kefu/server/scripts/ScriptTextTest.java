package io.kefu.server.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScriptTextTest {

    @Test
    void foldingLowersCaseAndReadsFullWidthFormsAsHalfWidth() {
        assertThat(ScriptText.fold("ＳＦ顺丰　Ｅｘｐｒｅｓｓ１２３！")).isEqualTo("sf顺丰 express123!");
        assertThat(ScriptText.fold("VIP客户")).isEqualTo("vip客户");
        assertThat(ScriptText.fold("Ｚ～")).isEqualTo("z~");
        assertThat(ScriptText.fold("好的，谢谢！")).as("full-width punctuation too").isEqualTo("好的,谢谢!");
    }

    @Test
    void textThatNeedsNoFoldingIsTheSameInstance() {
        String chinese = "亲、您的包裹已经发出。请耐心等待哦";

        assertThat(ScriptText.fold(chinese)).isSameAs(chinese);
    }

    @Test
    void termsAreSplitOnAnySpaceOnceEach() {
        assertThat(ScriptText.terms(ScriptText.fold("  退款　流程 退款\t7天 "))).containsExactly("退款", "流程", "7天");
        assertThat(ScriptText.terms("")).isEmpty();
        assertThat(ScriptText.terms("   ")).isEmpty();
    }

    @Test
    void spacesOfEveryKindAreSpaces() {
        assertThat(ScriptText.hasSpace("a b")).isTrue();
        assertThat(ScriptText.hasSpace("a\u3000b")).isTrue();
        assertThat(ScriptText.hasSpace("a\u00A0b")).isTrue();
        assertThat(ScriptText.hasSpace("/tk")).isFalse();
    }
}
