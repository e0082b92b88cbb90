package io.kefu.server;

import io.kefu.server.config.ConfigException;
import io.kefu.server.config.KefuConfig;
import io.kefu.server.demo.DemoInfo;
import io.kefu.server.demo.DemoSeeder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Kefu: {@code java -jar kefu-server.jar [--config kefu.properties]}. Settings come from the file
 * and {@code KEFU_*} environment variables; a bad one stops start-up with a message naming it (exit 2).
 */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        KefuConfig config;
        try {
            config = KefuConfig.load(configPath(args), System.getenv());
        } catch (ConfigException e) {
            System.err.println("kefu: " + e.getMessage());
            System.exit(2);
            return;
        }
        KefuServer server = KefuServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "kefu-shutdown"));
        DemoInfo demo = null;
        if (config.demo()) {
            var s = server.services();
            demo = new DemoSeeder(s.shops(), s.store(), s.auth(), s.hasher(), config.dataDir()).seed().get(60, TimeUnit.SECONDS);
            s.routers().refresh(demo.shopId());
        }
        StartupBanner.print(server, demo, System.out);
        log.info("ready");
        server.awaitClose();
    }

    private static Path configPath(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
            if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println("usage: java -jar kefu-server.jar [--config FILE]\n"
                        + "settings: a properties file and KEFU_* environment variables (see README.md)");
                System.exit(0);
            }
        }
        return null;
    }
}
