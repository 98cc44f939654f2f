package dev.tollgate.engine.store;

import java.nio.ByteBuffer;

/**
 * Associated data for AES-GCM made of several parts: each part preceded by its length, so that no
 * two different lists of parts give the same bytes ("ab" + "c" is not "a" + "bc").
 */
public final class LengthPrefixed {

    private LengthPrefixed() {
    }

    public static byte[] join(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += Integer.BYTES + part.length;
        }
        ByteBuffer data = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            data.putInt(part.length).put(part);
        }
        return data.array();
    }
}
