package io.kefu.client;

import io.kefu.protocol.Close;
import io.kefu.protocol.Frame;
import io.kefu.protocol.Hello;
import io.kefu.protocol.History;
import io.kefu.protocol.Human;
import io.kefu.protocol.Open;
import io.kefu.protocol.Pick;
import io.kefu.protocol.Ping;
import io.kefu.protocol.Rate;
import io.kefu.protocol.Read;
import io.kefu.protocol.ScriptFill;
import io.kefu.protocol.Send;
import io.kefu.protocol.Status;
import io.kefu.protocol.Sync;
import io.kefu.protocol.Transfer;
import io.kefu.protocol.Typing;

/** Copies of client frames carrying a request id: frames are records, so the id is set by rebuilding. */
final class RequestFrames {
    private RequestFrames() {
    }

    /**
     * The frame with its {@code id} replaced.
     *
     * @throws IllegalArgumentException for frames a client does not send (answers and pushes)
     */
    static Frame withId(Frame f, String id) {
        if (f instanceof Send s) {
            return new Send(id, s.conv(), s.cmid(), s.kind(), s.body(), s.script());
        } else if (f instanceof ScriptFill s) {
            return new ScriptFill(id, s.conv(), s.script());
        } else if (f instanceof Sync s) {
            return new Sync(id, s.conv(), s.afterSeq(), s.limit());
        } else if (f instanceof Hello h) {
            return new Hello(id, h.token());
        } else if (f instanceof Read r) {
            return new Read(id, r.conv(), r.seq(), r.by());
        } else if (f instanceof Typing t) {
            return new Typing(id, t.conv(), t.by());
        } else if (f instanceof History h) {
            return new History(id, h.conv(), h.beforeSeq(), h.limit());
        } else if (f instanceof Open o) {
            return new Open(id, o.shopId(), o.entry(), o.text());
        } else if (f instanceof Human h) {
            return new Human(id, h.conv());
        } else if (f instanceof Rate r) {
            return new Rate(id, r.conv(), r.score(), r.comment());
        } else if (f instanceof Status s) {
            return new Status(id, s.value());
        } else if (f instanceof Pick p) {
            return new Pick(id, p.conv());
        } else if (f instanceof Transfer t) {
            return new Transfer(id, t.conv(), t.toAgent(), t.toGroup(), t.note());
        } else if (f instanceof Close c) {
            return new Close(id, c.conv(), c.reason());
        } else if (f instanceof Ping) {
            return new Ping(id);
        }
        throw new IllegalArgumentException("'" + f.type() + "' is not a frame a client sends");
    }
}
