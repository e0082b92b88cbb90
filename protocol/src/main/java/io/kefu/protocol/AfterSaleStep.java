package io.kefu.protocol;

/**
 * One change of an after-sale ticket (v1.1, contract §10): who did it ({@code by}: a user id, or {@code null}
 * for the server itself), in which role ({@code buyer}, {@code agent}, {@code supervisor}, {@code admin},
 * {@code platform}, {@code system}), the {@code action} ({@code create}, {@code approve}, {@code reject},
 * {@code refund}, {@code received}, {@code resend}, {@code escalate}, {@code resolve}, or {@code await_return}, the
 * server's own step from {@code approved} to {@code awaiting_return}), the states before and after ({@code from}
 * is {@code null} for {@code create}), an optional {@code note}, and when ({@code ts}, epoch ms).
 */
public record AfterSaleStep(String by, String role, String action, String from, String to, String note, long ts) {
}
