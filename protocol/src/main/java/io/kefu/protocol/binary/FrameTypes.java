package io.kefu.protocol.binary;

import io.kefu.protocol.AfterSaleUpdate;
import io.kefu.protocol.Close;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvClosed;
import io.kefu.protocol.ConvQueued;
import io.kefu.protocol.ConvTransferred;
import io.kefu.protocol.ErrorFrame;
import io.kefu.protocol.Hello;
import io.kefu.protocol.History;
import io.kefu.protocol.Human;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Live;
import io.kefu.protocol.Notice;
import io.kefu.protocol.Ok;
import io.kefu.protocol.Open;
import io.kefu.protocol.Pick;
import io.kefu.protocol.Ping;
import io.kefu.protocol.Pong;
import io.kefu.protocol.Rate;
import io.kefu.protocol.Read;
import io.kefu.protocol.ScriptFill;
import io.kefu.protocol.Send;
import io.kefu.protocol.Status;
import io.kefu.protocol.Survey;
import io.kefu.protocol.Sync;
import io.kefu.protocol.Transfer;
import io.kefu.protocol.Typing;

/**
 * The type byte that starts every binary frame. Client requests use {@code 0x01..0x1F}, server answers
 * and pushes {@code 0x20..0x3F}; {@code read}, {@code typing} and {@code status} travel both ways with one code.
 */
final class FrameTypes {
    static final int HELLO = 0x01;
    static final int PING = 0x02;
    static final int OPEN = 0x03;
    static final int HUMAN = 0x04;
    static final int RATE = 0x05;
    static final int SEND = 0x06;
    static final int READ = 0x07;
    static final int TYPING = 0x08;
    static final int HISTORY = 0x09;
    static final int SYNC = 0x0A;
    static final int STATUS = 0x0B;
    static final int PICK = 0x0C;
    static final int TRANSFER = 0x0D;
    static final int CLOSE = 0x0E;
    static final int SCRIPT_FILL = 0x0F;

    static final int OK = 0x20;
    static final int ERROR = 0x21;
    static final int PONG = 0x22;
    static final int MSG = 0x23;
    static final int CONV_QUEUED = 0x24;
    static final int CONV_ASSIGNED = 0x25;
    static final int CONV_TRANSFERRED = 0x26;
    static final int CONV_CLOSED = 0x27;
    static final int SURVEY = 0x28;
    static final int NOTICE = 0x29;
    static final int AFTERSALE = 0x2A;
    static final int LIVE = 0x2B;

    private FrameTypes() {
    }

    /** The frame's wire name, used as the first element of error paths ({@code send.cmid: ...}). */
    static String name(int type) {
        switch (type) {
            case HELLO: return Hello.TYPE;
            case PING: return Ping.TYPE;
            case OPEN: return Open.TYPE;
            case HUMAN: return Human.TYPE;
            case RATE: return Rate.TYPE;
            case SEND: return Send.TYPE;
            case READ: return Read.TYPE;
            case TYPING: return Typing.TYPE;
            case HISTORY: return History.TYPE;
            case SYNC: return Sync.TYPE;
            case STATUS: return Status.TYPE;
            case PICK: return Pick.TYPE;
            case TRANSFER: return Transfer.TYPE;
            case CLOSE: return Close.TYPE;
            case SCRIPT_FILL: return ScriptFill.TYPE;
            case OK: return Ok.TYPE;
            case ERROR: return ErrorFrame.TYPE;
            case PONG: return Pong.TYPE;
            case MSG: return Msg.TYPE;
            case CONV_QUEUED: return ConvQueued.TYPE;
            case CONV_ASSIGNED: return ConvAssigned.TYPE;
            case CONV_TRANSFERRED: return ConvTransferred.TYPE;
            case CONV_CLOSED: return ConvClosed.TYPE;
            case SURVEY: return Survey.TYPE;
            case NOTICE: return Notice.TYPE;
            case AFTERSALE: return AfterSaleUpdate.TYPE;
            case LIVE: return Live.TYPE;
            default: return "0x" + Integer.toHexString(type);
        }
    }
}
