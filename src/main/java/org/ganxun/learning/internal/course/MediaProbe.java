package org.ganxun.learning.internal.course;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.lowagie.text.pdf.PdfReader;
import org.ganxun.learning.MediumKind;

/**
 * Tells a medium's type by its content (never by its name or the browser's word) and reads its real duration
 * from the file: MP4 (ISO base media: the {@code mvhd} box's duration ÷ timescale; video when a track's handler is
 * {@code vide}), WebM (EBML: Segment ▸ Info ▸ Duration × TimecodeScale), MP3 (the MPEG audio frames counted), WAV
 * (data size ÷ byte rate) and PDF (its pages, read by OpenPDF). Anything else, or a file whose duration cannot be
 * read, is refused: the server credits study against this duration, so it must come from the file.
 */
public final class MediaProbe {

    /** What the file is. {@code seconds} for media; {@code pages} for documents. */
    public record Probed(MediumKind kind, String contentType, String extension, int seconds, int pages) {
    }

    /** The file is not an accepted medium, with a sentence for the clerk. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private MediaProbe() {
    }

    public static Probed probe(Path file) throws Refused {
        try {
            return sniff(file);
        } catch (IOException | RuntimeException e) {
            // a truncated or hostile file (sizes past its end, absurd lengths): refused, never a 500
            throw new Refused("文件不完整或已损坏，无法读取时长");
        }
    }

    private static Probed sniff(Path file) throws IOException, Refused {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            byte[] head = new byte[16];
            int n = f.read(head);
            if (n < 12) {
                throw new Refused("文件过小，不是有效的音视频或PDF文件");
            }
            String s4 = new String(head, 4, 4, StandardCharsets.ISO_8859_1);
            if ("ftyp".equals(s4)) {
                return mp4(f);
            }
            if ((head[0] & 0xff) == 0x1A && (head[1] & 0xff) == 0x45 && (head[2] & 0xff) == 0xDF && (head[3] & 0xff) == 0xA3) {
                return webm(f);
            }
            if (head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F' && "WAVE".equals(new String(head, 8, 4, StandardCharsets.ISO_8859_1))) {
                return wav(f);
            }
            if (head[0] == '%' && head[1] == 'P' && head[2] == 'D' && head[3] == 'F' && head[4] == '-') {
                return pdf(file);
            }
            if ((head[0] == 'I' && head[1] == 'D' && head[2] == '3') || ((head[0] & 0xff) == 0xFF && (head[1] & 0xE0) == 0xE0)) {
                return mp3(f);
            }
        }
        throw new Refused("不支持的文件类型：请上传 MP4、WebM 视频，MP3、WAV 音频或 PDF 文档");
    }

    // ---- MP4 ----

    private static Probed mp4(RandomAccessFile f) throws IOException, Refused {
        long[] moov = findBox(f, 0, f.length(), "moov");
        if (moov == null) {
            throw new Refused("MP4 文件缺少 moov 信息，无法读取时长（文件可能不完整）");
        }
        long[] mvhd = findBox(f, moov[0], moov[1], "mvhd");
        if (mvhd == null) {
            throw new Refused("MP4 文件缺少 mvhd 信息，无法读取时长");
        }
        f.seek(mvhd[0]);
        int version = f.readUnsignedByte();
        f.skipBytes(3);
        long timescale;
        long duration;
        if (version == 1) {
            f.skipBytes(16);
            timescale = f.readInt() & 0xffffffffL;
            duration = f.readLong();
        } else {
            f.skipBytes(8);
            timescale = f.readInt() & 0xffffffffL;
            duration = f.readInt() & 0xffffffffL;
        }
        if (timescale == 0 || duration <= 0 || duration == 0xffffffffL) {
            throw new Refused("MP4 文件未记录时长");
        }
        boolean video = false;
        boolean audio = false;
        long pos = moov[0];
        while (pos < moov[1]) {
            long[] trak = findBox(f, pos, moov[1], "trak");
            if (trak == null) {
                break;
            }
            long[] mdia = findBox(f, trak[0], trak[1], "mdia");
            long[] hdlr = mdia == null ? null : findBox(f, mdia[0], mdia[1], "hdlr");
            if (hdlr != null) {
                f.seek(hdlr[0] + 8);
                byte[] t = new byte[4];
                f.readFully(t);
                String type = new String(t, StandardCharsets.ISO_8859_1);
                video |= "vide".equals(type);
                audio |= "soun".equals(type);
            }
            pos = trak[1];
        }
        if (!video && !audio) {
            throw new Refused("MP4 文件中没有音视频轨道");
        }
        return new Probed(video ? MediumKind.VIDEO : MediumKind.AUDIO, video ? "video/mp4" : "audio/mp4", "mp4",
                seconds(duration, timescale), 0);
    }

    /** The first box of this type among the boxes in [from, to): its content's [start, end), or null. */
    private static long[] findBox(RandomAccessFile f, long from, long to, String type) throws IOException {
        long pos = from;
        while (pos + 8 <= to) {
            f.seek(pos);
            long size = f.readInt() & 0xffffffffL;
            byte[] t = new byte[4];
            f.readFully(t);
            long header = 8;
            if (size == 1) {
                size = f.readLong();
                header = 16;
            } else if (size == 0) {
                size = to - pos;
            }
            if (size < header || pos + size > to) {
                return null;
            }
            if (type.equals(new String(t, StandardCharsets.ISO_8859_1))) {
                return new long[] {pos + header, pos + size};
            }
            pos += size;
        }
        return null;
    }

    // ---- WebM (Matroska EBML) ----

    private static final long SEGMENT = 0x18538067L, INFO = 0x1549A966L, TRACKS = 0x1654AE6BL, TRACK_ENTRY = 0xAEL,
            TRACK_TYPE = 0x83L, TIMECODE_SCALE = 0x2AD7B1L, DURATION = 0x4489L, EBML = 0x1A45DFA3L, DOC_TYPE = 0x4282L;

    private static Probed webm(RandomAccessFile f) throws IOException, Refused {
        f.seek(0);
        long id = readId(f);
        long size = readSize(f);
        if (id != EBML || size < 0) {
            throw new Refused("WebM 文件头无效");
        }
        long headerEnd = f.getFilePointer() + size;
        String docType = null;
        while (f.getFilePointer() < headerEnd) {
            long eid = readId(f);
            long esize = readSize(f);
            if (eid == DOC_TYPE) {
                byte[] b = new byte[(int) Math.min(esize, 16)];
                f.readFully(b);
                docType = new String(b, StandardCharsets.US_ASCII).trim();
            } else {
                f.seek(f.getFilePointer() + esize);
            }
        }
        if (!"webm".equals(docType)) {
            throw new Refused("只接受 WebM 格式的 Matroska 文件");
        }
        f.seek(headerEnd);
        if (readId(f) != SEGMENT) {
            throw new Refused("WebM 文件缺少 Segment");
        }
        long segSize = readSize(f);
        long segEnd = segSize < 0 ? f.length() : Math.min(f.length(), f.getFilePointer() + segSize);
        long scale = 1_000_000L;
        double duration = -1;
        boolean video = false;
        boolean audio = false;
        boolean seenInfo = false;
        boolean seenTracks = false;
        while (f.getFilePointer() < segEnd && !(seenInfo && seenTracks)) {
            long eid = readId(f);
            long esize = readSize(f);
            if (esize < 0) {
                break;
            }
            long end = f.getFilePointer() + esize;
            if (eid == INFO) {
                seenInfo = true;
                while (f.getFilePointer() < end) {
                    long cid = readId(f);
                    long csize = readSize(f);
                    if (cid == TIMECODE_SCALE) {
                        scale = readUnsigned(f, (int) csize);
                    } else if (cid == DURATION) {
                        duration = csize == 4 ? f.readFloat() : f.readDouble();
                    } else {
                        f.seek(f.getFilePointer() + csize);
                    }
                }
            } else if (eid == TRACKS) {
                seenTracks = true;
                while (f.getFilePointer() < end) {
                    long cid = readId(f);
                    long csize = readSize(f);
                    long cend = f.getFilePointer() + csize;
                    if (cid == TRACK_ENTRY) {
                        while (f.getFilePointer() < cend) {
                            long tid = readId(f);
                            long tsize = readSize(f);
                            if (tid == TRACK_TYPE) {
                                long type = readUnsigned(f, (int) tsize);
                                video |= type == 1;
                                audio |= type == 2;
                            } else {
                                f.seek(f.getFilePointer() + tsize);
                            }
                        }
                    }
                    f.seek(cend);
                }
            }
            f.seek(end);
        }
        if (duration <= 0 || Double.isNaN(duration) || Double.isInfinite(duration)) {
            throw new Refused("WebM 文件未记录时长（直播录制的文件请先转码）");
        }
        if (!video && !audio) {
            throw new Refused("WebM 文件中没有音视频轨道");
        }
        double secs = duration * scale / 1e9;
        return new Probed(video ? MediumKind.VIDEO : MediumKind.AUDIO, video ? "video/webm" : "audio/webm", "webm",
                (int) Math.round(secs), 0);
    }

    private static long readId(RandomAccessFile f) throws IOException {
        int first = f.readUnsignedByte();
        int len = Integer.numberOfLeadingZeros(first) - 23;
        if (len < 1 || len > 4) {
            throw new IOException("bad EBML id");
        }
        long v = first;
        for (int i = 1; i < len; i++) {
            v = (v << 8) | f.readUnsignedByte();
        }
        return v;
    }

    /** An EBML size; -1 when unknown (all ones). */
    private static long readSize(RandomAccessFile f) throws IOException {
        int first = f.readUnsignedByte();
        int len = Integer.numberOfLeadingZeros(first) - 23;
        if (len < 1 || len > 8) {
            throw new IOException("bad EBML size");
        }
        long v = first & (0xFF >> len);
        boolean allOnes = v == (0xFF >> len);
        for (int i = 1; i < len; i++) {
            int b = f.readUnsignedByte();
            allOnes &= b == 0xFF;
            v = (v << 8) | b;
        }
        return allOnes ? -1 : v;
    }

    private static long readUnsigned(RandomAccessFile f, int len) throws IOException {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = (v << 8) | f.readUnsignedByte();
        }
        return v;
    }

    // ---- MP3 ----

    private static final int[][] BITRATES = { // kbps: [MPEG-1 layer III, MPEG-2/2.5 layer III]
            {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, -1},
            {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, -1}};
    private static final int[][] RATES = {{44100, 48000, 32000}, {22050, 24000, 16000}, {11025, 12000, 8000}};

    private static Probed mp3(RandomAccessFile f) throws IOException, Refused {
        long pos = 0;
        f.seek(0);
        byte[] id3 = new byte[10];
        f.readFully(id3);
        if (id3[0] == 'I' && id3[1] == 'D' && id3[2] == '3') {
            pos = 10 + (((id3[6] & 0x7f) << 21) | ((id3[7] & 0x7f) << 14) | ((id3[8] & 0x7f) << 7) | (id3[9] & 0x7f));
        }
        long len = f.length();
        long samples = 0;
        int rate = 0;
        int frames = 0;
        byte[] h = new byte[4];
        while (pos + 4 <= len) {
            f.seek(pos);
            f.readFully(h);
            int b1 = h[1] & 0xff, b2 = h[2] & 0xff;
            if ((h[0] & 0xff) != 0xFF || (b1 & 0xE0) != 0xE0) {
                if (frames == 0 && pos < 64 * 1024) {
                    pos++; // padding before the first frame
                    continue;
                }
                break; // trailing tags (ID3v1, APE)
            }
            int versionBits = (b1 >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
            int layer = (b1 >> 1) & 3;       // 1 = layer III
            int bitrateIndex = (b2 >> 4) & 15, rateIndex = (b2 >> 2) & 3, padding = (b2 >> 1) & 1;
            if (versionBits == 1 || layer != 1 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
                if (frames == 0 && pos < 64 * 1024) {
                    pos++;
                    continue;
                }
                break;
            }
            boolean mpeg1 = versionBits == 3;
            int bitrate = BITRATES[mpeg1 ? 0 : 1][bitrateIndex] * 1000;
            int sampleRate = RATES[versionBits == 3 ? 0 : versionBits == 2 ? 1 : 2][rateIndex];
            int perFrame = mpeg1 ? 1152 : 576;
            int frameLength = (perFrame / 8) * bitrate / sampleRate + padding;
            if (frameLength < 24) {
                break;
            }
            samples += perFrame;
            rate = sampleRate;
            frames++;
            pos += frameLength;
        }
        if (frames < 2 || rate == 0) {
            throw new Refused("MP3 文件中没有有效的音频帧");
        }
        return new Probed(MediumKind.AUDIO, "audio/mpeg", "mp3", (int) Math.round((double) samples / rate), 0);
    }

    // ---- WAV ----

    private static Probed wav(RandomAccessFile f) throws IOException, Refused {
        long pos = 12;
        long byteRate = 0;
        while (pos + 8 <= f.length()) {
            f.seek(pos);
            byte[] id = new byte[4];
            f.readFully(id);
            long size = Integer.toUnsignedLong(Integer.reverseBytes(f.readInt()));
            String chunk = new String(id, StandardCharsets.ISO_8859_1);
            if ("fmt ".equals(chunk) && size >= 16) {
                f.skipBytes(8);
                byteRate = Integer.toUnsignedLong(Integer.reverseBytes(f.readInt()));
            } else if ("data".equals(chunk)) {
                if (byteRate == 0) {
                    break;
                }
                long data = Math.min(size, f.length() - pos - 8);
                return new Probed(MediumKind.AUDIO, "audio/wav", "wav", (int) Math.round((double) data / byteRate), 0);
            }
            pos += 8 + size + (size & 1);
        }
        throw new Refused("WAV 文件缺少格式或数据信息，无法读取时长");
    }

    // ---- PDF ----

    private static Probed pdf(Path file) throws Refused {
        try {
            PdfReader reader = new PdfReader(file.toString());
            try {
                int pages = reader.getNumberOfPages();
                if (pages < 1) {
                    throw new Refused("PDF 文件没有页面");
                }
                return new Probed(MediumKind.DOCUMENT, "application/pdf", "pdf", 0, pages);
            } finally {
                reader.close();
            }
        } catch (IOException | RuntimeException e) {
            throw new Refused("PDF 文件无法读取（可能已损坏或加密）");
        }
    }

    private static int seconds(long duration, long timescale) {
        return (int) Math.min(Integer.MAX_VALUE, Math.round((double) duration / timescale));
    }
}
