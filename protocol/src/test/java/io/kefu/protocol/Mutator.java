package io.kefu.protocol;

import java.util.Arrays;
import java.util.Random;

/** Seeded mutations of valid frames for the fuzz tests: bit flips, truncation, insertion, deletion. */
public final class Mutator {
    private final Random random;
    private final byte[] alphabet;

    /** {@code alphabet}: bytes worth inserting (e.g. JSON punctuation); empty means any byte. */
    public Mutator(long seed, byte[] alphabet) {
        this.random = new Random(seed);
        this.alphabet = alphabet;
    }

    public Random random() {
        return random;
    }

    /** One to three mutations of a copy of {@code input}. */
    public byte[] mutate(byte[] input) {
        byte[] out = input;
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            out = mutateOnce(out);
        }
        return out;
    }

    public byte[] randomBytes(int maxLength) {
        byte[] out = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(out);
        return out;
    }

    private byte[] mutateOnce(byte[] in) {
        if (in.length == 0) {
            return new byte[] {someByte()};
        }
        int at = random.nextInt(in.length);
        switch (random.nextInt(6)) {
            case 0: {
                byte[] out = in.clone();
                out[at] ^= (byte) (1 << random.nextInt(8));
                return out;
            }
            case 1:
                return Arrays.copyOf(in, at);
            case 2: {
                byte[] out = in.clone();
                out[at] = someByte();
                return out;
            }
            case 3:
                return insert(in, at, someByte());
            case 4:
                return delete(in, at, 1 + random.nextInt(Math.min(8, in.length - at)));
            default:
                return duplicate(in, at, 1 + random.nextInt(Math.min(16, in.length - at)));
        }
    }

    private byte someByte() {
        if (alphabet.length > 0 && random.nextBoolean()) {
            return alphabet[random.nextInt(alphabet.length)];
        }
        return (byte) random.nextInt(256);
    }

    private static byte[] insert(byte[] in, int at, byte b) {
        byte[] out = new byte[in.length + 1];
        System.arraycopy(in, 0, out, 0, at);
        out[at] = b;
        System.arraycopy(in, at, out, at + 1, in.length - at);
        return out;
    }

    private static byte[] delete(byte[] in, int at, int count) {
        byte[] out = new byte[in.length - count];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(in, at + count, out, at, in.length - at - count);
        return out;
    }

    private static byte[] duplicate(byte[] in, int at, int count) {
        byte[] out = new byte[in.length + count];
        System.arraycopy(in, 0, out, 0, at + count);
        System.arraycopy(in, at, out, at + count, in.length - at);
        return out;
    }
}
