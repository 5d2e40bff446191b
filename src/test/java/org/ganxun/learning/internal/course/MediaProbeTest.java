package org.ganxun.learning.internal.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.ganxun.demo.DemoMedia;
import org.ganxun.learning.MediumKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server reads type and duration from the file's bytes: real files made here, and hostile ones refused. */
class MediaProbeTest {

    @TempDir
    Path dir;

    private MediaProbe.Probed probe(byte[] bytes) throws Exception {
        Path f = Files.createTempFile(dir, "m", ".bin");
        Files.write(f, bytes);
        return MediaProbe.probe(f);
    }

    @Test
    void anH264Mp4ReadsItsDurationFromMvhd() throws Exception {
        // 12 s at 2 frames a second: 24 frames; JCodec writes the movie's duration in mvhd
        MediaProbe.Probed p = probe(DemoMedia.video("测试", 12, 2));
        assertThat(p.kind()).isEqualTo(MediumKind.VIDEO);
        assertThat(p.contentType()).isEqualTo("video/mp4");
        assertThat(p.seconds()).isEqualTo(12);
    }

    @Test
    void aWavReadsDataSizeOverByteRate() throws Exception {
        // 8000 samples/s × 2 bytes × 7 s = 112000 bytes of data at 16000 bytes/s = 7 s
        MediaProbe.Probed p = probe(DemoMedia.wav(7));
        assertThat(p.kind()).isEqualTo(MediumKind.AUDIO);
        assertThat(p.seconds()).isEqualTo(7);
    }

    @Test
    void aPdfCountsItsPages() throws Exception {
        MediaProbe.Probed p = probe(DemoMedia.pdf("读本", new String[] {"第一段", "第二段"}, 4));
        assertThat(p.kind()).isEqualTo(MediumKind.DOCUMENT);
        assertThat(p.pages()).isEqualTo(4);
    }

    @Test
    void anMp3CountsItsFrames() throws Exception {
        // MPEG-1 layer III, 128 kbit/s, 44100 Hz, no padding: FF FB 90 00, 144 × 128000 / 44100 = 417 bytes a frame,
        // 1152 samples each; 383 frames × 1152 / 44100 = 10.005 s → 10; an ID3v2 tag of 20 bytes before them
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 10});
        out.write(new byte[10]);
        byte[] frame = new byte[417];
        frame[0] = (byte) 0xFF;
        frame[1] = (byte) 0xFB;
        frame[2] = (byte) 0x90;
        for (int i = 0; i < 383; i++) {
            out.write(frame);
        }
        MediaProbe.Probed p = probe(out.toByteArray());
        assertThat(p.kind()).isEqualTo(MediumKind.AUDIO);
        assertThat(p.contentType()).isEqualTo("audio/mpeg");
        assertThat(p.seconds()).isEqualTo(10);
    }

    @Test
    void aWebmReadsInfoDurationTimesTimecodeScale() throws Exception {
        // Duration 95000.0 in units of TimecodeScale 1 000 000 ns = 95 s; one video track
        byte[] ebml = element(0x1A45DFA3, element(0x4282, "webm".getBytes(StandardCharsets.US_ASCII)));
        byte[] info = element(0x1549A966, concat(element(0x2AD7B1, new byte[] {0x0F, 0x42, 0x40}),
                element(0x4489, ByteBuffer.allocate(8).putDouble(95000.0).array())));
        byte[] tracks = element(0x1654AE6B, element(0xAE, element(0x83, new byte[] {1})));
        byte[] segment = element(0x18538067, concat(info, tracks));
        MediaProbe.Probed p = probe(concat(ebml, segment));
        assertThat(p.kind()).isEqualTo(MediumKind.VIDEO);
        assertThat(p.contentType()).isEqualTo("video/webm");
        assertThat(p.seconds()).isEqualTo(95);
    }

    @Test
    void aFileNamedMp4ThatIsNotIsRefused() {
        assertThatThrownBy(() -> probe("<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MediaProbe.Refused.class).hasMessageContaining("不支持的文件类型");
        assertThatThrownBy(() -> probe(new byte[] {0, 0, 0, 8, 'f', 't'}))
                .isInstanceOf(MediaProbe.Refused.class);
    }

    @Test
    void aTruncatedOrLyingMp4IsRefusedNotCrashed() throws Exception {
        byte[] real = DemoMedia.video("测试", 4, 2);
        // cut before the moov box (JCodec writes it at the end)
        assertThatThrownBy(() -> probe(Arrays.copyOf(real, real.length / 2))).isInstanceOf(MediaProbe.Refused.class);
        // an ftyp box claiming 4 GB
        byte[] lying = new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 0, 0};
        assertThatThrownBy(() -> probe(lying)).isInstanceOf(MediaProbe.Refused.class);
    }

    private static byte[] element(long id, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int idLen = id > 0xFFFFFF ? 4 : id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1;
        for (int i = idLen - 1; i >= 0; i--) {
            out.write((int) (id >> (8 * i)) & 0xFF);
        }
        // 8-byte size: 0x01 then 7 bytes
        out.write(0x01);
        for (int i = 6; i >= 0; i--) {
            out.write((int) ((long) content.length >> (8 * i)) & 0xFF);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
