package io.kefu.server.compliance;

/**
 * Where a detector found a contact detail, in the original text ({@code end} exclusive): the whole match
 * ({@code 加我微信 abc123}) and the detail itself ({@code abc123}), which is what an excerpt masks. The detail
 * is empty ({@code detailStart == detailEnd}) for an invitation without an id ({@code 加我微信}). Reused
 * scratch: confined to one thread.
 */
final class ContactMatch {
    int start;
    int end;
    int detailStart;
    int detailEnd;
    /** Where the next search should start, as a skeleton index (skeleton detectors) or a text index. */
    int resume;

    void set(int start, int end, int detailStart, int detailEnd, int resume) {
        this.start = start;
        this.end = end;
        this.detailStart = detailStart;
        this.detailEnd = detailEnd;
        this.resume = resume;
    }
}
