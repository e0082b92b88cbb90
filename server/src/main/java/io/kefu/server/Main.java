package io.kefu.server;

import io.kefu.server.config.ConfigException;
import io.kefu.server.config.KefuConfig;
import io.kefu.server.demo.DemoInfo;
import io.kefu.server.demo.DemoSeeder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Kefu: {@code java -jar kefu-server.jar [--config kefu.properties]}. Settings come from the file
 * and {@code KEFU_*} environment variables. What stops start-up is printed as one line on stderr, and the
 * exit status says which: {@value #EXIT_BAD_SETTING} a bad setting (the message names it),
 * {@value #EXIT_CANNOT_START} the server cannot listen where it was told to (port taken, foreign address).
 */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);
    public static final int EXIT_BAD_SETTING = 2;
    public static final int EXIT_CANNOT_START = 3;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        int status = run(args, System.getenv(), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Starts, prints the banner and blocks until the server is closed: 0, or the status start-up failed with. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        KefuConfig config;
        try {
            config = KefuConfig.load(configPath(args), env);
        } catch (ConfigException e) {
            err.println("kefu: " + e.getMessage());
            return EXIT_BAD_SETTING;
        }
        KefuServer server;
        try {
            server = KefuServer.start(config);
        } catch (StartupException e) {
            log.debug("start-up failed", e.getCause());
            err.println("kefu: " + e.getMessage());
            return EXIT_CANNOT_START;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "kefu-shutdown"));
        DemoInfo demo = null;
        if (config.demo()) {
            var s = server.services();
            demo = new DemoSeeder(s.shops(), s.store(), s.auth(), s.hasher(), config.dataDir(), s.orders(),
                    s.clock(), s.aftersales()).seed().get(60, TimeUnit.SECONDS);
            s.routers().refresh(demo.shopId());
            server.demoReady(demo);
        }
        StartupBanner.print(server, demo, out);
        log.info("ready");
        server.awaitClose();
        return 0;
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
