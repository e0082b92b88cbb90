package io.kefu.server.conversation;

import io.kefu.protocol.Close;
import io.kefu.protocol.Entry;
import io.kefu.protocol.Frame;
import io.kefu.protocol.History;
import io.kefu.protocol.Human;
import io.kefu.protocol.Open;
import io.kefu.protocol.Pick;
import io.kefu.protocol.Rate;
import io.kefu.protocol.Read;
import io.kefu.protocol.ScriptFill;
import io.kefu.protocol.Send;
import io.kefu.protocol.Sync;
import io.kefu.protocol.Transfer;
import io.kefu.protocol.Typing;
import io.kefu.server.base.KefuException;

/**
 * The server's checks of a client frame's fields beyond what decoding checks: every id, reference and free
 * text a frame can carry into the store fits its column and holds no control characters, so that one bad field
 * is refused on its own ({@code bad_frame} naming it) and never reaches a batch it could fail for others.
 * Stateless; any thread.
 */
final class FrameChecks {
    /** Ids of conversations, scripts, agents, groups and shops. */
    static final int MAX_ID = 64;
    /** A client message id. */
    static final int MAX_CMID = 128;
    static final int MAX_ENTRY_TYPE = 16;
    static final int MAX_ENTRY_REF = 200;
    /** A rating's comment, a close reason, a transfer note. */
    static final int MAX_COMMENT = 1_000;
    static final int MAX_REASON = 200;
    static final int MAX_NOTE = 1_000;

    private FrameChecks() {
    }

    /** Throws {@code bad_frame} naming the first field that breaks a rule. */
    static void check(Frame frame) {
        String t = frame.type();
        if (frame instanceof Send s) {
            id(t, "conv", s.conv(), MAX_ID);
            id(t, "cmid", s.cmid(), MAX_CMID);
            id(t, "script", s.script(), MAX_ID);
        } else if (frame instanceof Open o) {
            id(t, "shopId", o.shopId(), MAX_ID);
            Entry e = o.entry();
            if (e != null) {
                id(t, "entry.type", e.type(), MAX_ENTRY_TYPE);
                id(t, "entry.ref", e.ref(), MAX_ENTRY_REF);
            }
        } else if (frame instanceof Rate r) {
            id(t, "conv", r.conv(), MAX_ID);
            text(t, "comment", r.comment(), MAX_COMMENT);
        } else if (frame instanceof Close c) {
            id(t, "conv", c.conv(), MAX_ID);
            text(t, "reason", c.reason(), MAX_REASON);
        } else if (frame instanceof Transfer tr) {
            id(t, "conv", tr.conv(), MAX_ID);
            id(t, "toAgent", tr.toAgent(), MAX_ID);
            id(t, "toGroup", tr.toGroup(), MAX_ID);
            text(t, "note", tr.note(), MAX_NOTE);
        } else if (frame instanceof ScriptFill f) {
            id(t, "conv", f.conv(), MAX_ID);
            id(t, "script", f.script(), MAX_ID);
        } else if (frame instanceof Read r) {
            id(t, "conv", r.conv(), MAX_ID);
        } else if (frame instanceof Typing ty) {
            id(t, "conv", ty.conv(), MAX_ID);
        } else if (frame instanceof History h) {
            id(t, "conv", h.conv(), MAX_ID);
        } else if (frame instanceof Sync s) {
            id(t, "conv", s.conv(), MAX_ID);
        } else if (frame instanceof Human h) {
            id(t, "conv", h.conv(), MAX_ID);
        } else if (frame instanceof Pick p) {
            id(t, "conv", p.conv(), MAX_ID);
        }
    }

    /** An id or reference: at most {@code max} characters, none of them a control character. */
    private static void id(String frame, String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            throw KefuException.badRequest(frame + "." + field + ": at most " + max + " characters, got "
                    + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' || c == 0x7F) {
                throw KefuException.badRequest(frame + "." + field + ": must not contain control"
                        + " characters (found U+" + String.format("%04X", (int) c) + " at " + i + ")");
            }
        }
    }

    /** Free text: at most {@code max} characters, no NUL (line breaks and tabs are fine). */
    private static void text(String frame, String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            throw KefuException.badRequest(frame + "." + field + ": at most " + max + " characters, got "
                    + value.length());
        }
        if (value.indexOf('\0') >= 0) {
            throw KefuException.badRequest(frame + "." + field + ": must not contain the NUL character");
        }
    }
}
