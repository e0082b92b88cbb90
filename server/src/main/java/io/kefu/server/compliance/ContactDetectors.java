package io.kefu.server.compliance;

/**
 * The detectors of the five contact kinds behind one call. WeChat, QQ and phone numbers are read from the
 * {@link Skeleton}; e-mail addresses and links from the original text. Immutable; safe on any thread.
 */
final class ContactDetectors {
    private final DomainAllowlist allowlist;

    ContactDetectors(DomainAllowlist allowlist) {
        this.allowlist = allowlist;
    }

    /**
     * Finds the first detail of {@code kind} from {@code from}, which is a skeleton index for the kinds
     * {@link #readsSkeleton read the skeleton} and a text index for the others; fills {@code m}.
     */
    boolean find(ContactKind kind, Skeleton sk, int from, ContactMatch m, String shopId) {
        return switch (kind) {
            case PHONE -> PhoneDetector.find(sk, from, m);
            case WECHAT -> MessengerDetector.WECHAT.find(sk, from, m);
            case QQ -> MessengerDetector.QQ.find(sk, from, m);
            case EMAIL -> LinkDetector.findEmail(sk.text, from, m);
            case URL -> LinkDetector.findUrl(sk.text, from, m, shopId, allowlist);
        };
    }

    static boolean readsSkeleton(ContactKind kind) {
        return kind == ContactKind.PHONE || kind == ContactKind.WECHAT || kind == ContactKind.QQ;
    }
}
