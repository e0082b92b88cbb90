package io.kefu.client.example;

// The README's Java example is the text between the two marker lines, exactly: ReadmeExampleTest fails
// when they differ, and the server module's BuyerExampleIT runs main() against a real server.
// README example begins
import io.kefu.client.BuyerSession;
import io.kefu.client.Encoding;
import io.kefu.client.KefuClient;
import io.kefu.client.KefuListener;
import io.kefu.protocol.Entry;
import io.kefu.protocol.Msg;

public class BuyerExample {
    /** Arguments: the WebSocket URI, a buyer token and a shop id (the demo server prints all three). */
    public static void main(String[] args) {
        String uri = args[0];            // ws://localhost:8080/ws
        String buyerToken = args[1];
        String shopId = args[2];

        KefuClient client = KefuClient.builder().uri(uri).token(buyerToken)
                .encoding(Encoding.BINARY).listener(new KefuListener() {
                    @Override public void onMessage(Msg msg) { System.out.println(msg.body().text()); }
                }).build();
        client.connect().join();
        BuyerSession buyer = new BuyerSession(client);
        String conv = buyer.open(shopId, new Entry(Entry.PRODUCT, "p1"), "在吗？").join().conv();
        buyer.sendText(conv, "这件有 XL 吗？").join();
        client.close().join();   // a widget stays connected: the agent's replies arrive at onMessage
    }
}
// README example ends
