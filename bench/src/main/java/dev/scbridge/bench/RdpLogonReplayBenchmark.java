package dev.scbridge.bench;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.pcsc.virtual.VirtualPcsc;
import dev.scbridge.rdp.esc.EscCodecs;
import dev.scbridge.rdp.esc.Ioctl;
import dev.scbridge.rdp.esc.RedirContext;
import dev.scbridge.rdp.esc.RedirHandle;
import dev.scbridge.rdp.esc.TransmitCall;
import dev.scbridge.pcsc.SharedTimer;
import dev.scbridge.rdp.RdpdrSmartCardChannel;
import dev.scbridge.rdp.scard.ReaderFilter;
import dev.scbridge.rdp.scard.ScardLimits;
import dev.scbridge.rdp.scard.ScardOptions;
import dev.scbridge.rdp.scard.ScardService;
import dev.scbridge.rdp.trace.TraceReplay;
import dev.scbridge.rdp.trace.Vectors;
import dev.scbridge.rdp.trace.replay.RecordedCard;
import dev.scbridge.rdp.trace.replay.ReplayResult;
import dev.scbridge.rdp.trace.replay.ReplayScript;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole recorded Windows logon (vectors/windows-logon-trace.txt) replayed in-process through the RDPDR channel,
 * the MS-RDPESC service and a session card built from the recording, against the same number of raw RSA-2048
 * private-key operations through JCA in the same run (the trace has three GENERAL AUTHENTICATEs: two signatures
 * and one decipher; target ratio at most 1.1), plus the per-IOCTL codec cost of a Transmit call and a
 * GetStatusChange return (decode + encode). Keys are made once per trial; each replay builds a fresh card from
 * prebuilt objects and a fresh channel and service.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class RdpLogonReplayBenchmark {
    private static final String READER = "Teleport";
    /** windows-logon-trace.txt step 045: SELECT PIV as Windows sends it (Context 5, Handle 1, 4-byte ids). */
    private static final byte[] TRANSMIT_CALL = TransmitCall.of(new RedirHandle(new RedirContext(
            new byte[] {5, 0, 0, 0}), new byte[] {1, 0, 0, 0}), 2,
            HexFormat.of().parseHex("00A4040009A00000030800001000"), 258).toBytes();
    /** windows-logon-trace.txt step 030: one reader, CHANGED|PRESENT, the card's ATR. */
    private static final byte[] STATUS_CHANGE_RETURN = HexFormat.of().parseHex(("01 10 08 00 CC CC CC CC 40 00 00 00 "
            + "00 00 00 00 00 00 00 00 01 00 00 00 00 00 02 00 01 00 00 00 00 00 00 00 22 00 00 00 0B 00 00 00 "
            + "3B 95 13 81 01 80 73 FF 01 00 0B 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
            + "00 00 00 00 00 00").replace(" ", ""));

    private ReplayScript script;
    private RecordedCard recorded;
    private KeyPair keys;
    private SecureRandom random;
    private int privateKeyOperations;
    private byte[] block;
    private List<byte[]> serverPdus;
    private List<byte[]> clientPdus;
    private List<byte[]> withoutKey;

    @Setup
    public void setUp() throws Exception {
        script = TraceReplay.script(Vectors.file("windows-logon-trace.txt"));
        recorded = RecordedCard.from(script);
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
        random = new SecureRandom();
        ReplayResult first = replay();
        List<byte[]> again = new ArrayList<>();
        feed(again::add);
        if (again.size() != clientPdus.size()
                || !java.util.stream.IntStream.range(0, again.size())
                        .allMatch(i -> java.util.Arrays.equals(again.get(i), clientPdus.get(i)))) {
            throw new IllegalStateException("re-fed PDUs answered differently: the measured run would not be the "
                    + "recorded logon");
        }
        privateKeyOperations = first.keyOperations().size();
        withoutKey = withoutPrivateKeyOperations();
        if (privateKeyOperations != 3) {
            throw new IllegalStateException("expected 3 private-key operations, replay made " + privateKeyOperations);
        }
        block = new byte[256];
        block[255] = 1;
        if (TRANSMIT_CALL.length != 104) {
            throw new IllegalStateException("step 045 InputBufferLength is 104, built " + TRANSMIT_CALL.length);
        }
        EscCodecs.decodeCall(Ioctl.TRANSMIT, TRANSMIT_CALL);
        EscCodecs.decodeReturn(Ioctl.GET_STATUS_CHANGE_W, STATUS_CHANGE_RETURN);
    }

    /**
     * The replay tool once, with ids from a seeded generator so that they repeat: it builds every server PDU from
     * the recording's fields and checks the answers; the PDUs it sent are kept for {@link #replayLogon}.
     */
    private ReplayResult replay() {
        VirtualPcsc pcsc = new VirtualPcsc();
        pcsc.addReader(READER);
        pcsc.insertCard(READER, recorded.build(keys, random));
        SecureRandom ids = seededIds();
        serverPdus = new ArrayList<>();
        ReplayResult result = TraceReplay.of(script, () -> service(pcsc, ids), "teleport").run(serverPdus::add);
        if (!result.clean()) {
            throw new IllegalStateException("the replay has unexpected differences: " + result.summary());
        }
        clientPdus = new ArrayList<>();
        feed(clientPdus::add);
        return result;
    }

    private static ScardService service(VirtualPcsc pcsc, SecureRandom ids) {
        return new ScardService(pcsc, ReaderFilter.only(READER), ScardLimits.DEFAULTS, ScardOptions.DEFAULTS,
                SharedTimer.get(), ids);
    }

    private static SecureRandom seededIds() {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(0x5CB_0001L); // seeded before first use: a fixed sequence, so recorded ids stay valid
            return r;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The measured work: a fresh card, service and channel, and every recorded server PDU fed to it. */
    private int feed(Consumer<byte[]> out) {
        return feed(serverPdus, out);
    }

    /**
     * The server PDUs without the three GENERAL AUTHENTICATE commands that make the card use its private key (the
     * last piece of each chain, CLA 00 INS 87): what the exchange costs besides its cryptography.
     */
    private List<byte[]> withoutPrivateKeyOperations() throws DecodeException {
        List<byte[]> out = new ArrayList<>();
        int skipped = 0;
        for (byte[] pdu : serverPdus) {
            if (dev.scbridge.rdp.efs.RdpdrPdu.decodeFromServer(pdu) instanceof dev.scbridge.rdp.efs.DeviceControlRequest r
                    && r.ioControlCode() == Ioctl.TRANSMIT.code()) {
                byte[] apdu = ((TransmitCall) EscCodecs.decodeCall(Ioctl.TRANSMIT, r.inputBuffer())).sendBuffer();
                if (apdu.length > 1 && apdu[0] == 0 && apdu[1] == (byte) 0x87) {
                    skipped++;
                    continue;
                }
            }
            out.add(pdu);
        }
        if (skipped != privateKeyOperations) {
            throw new IllegalStateException("found " + skipped + " private-key commands, expected "
                    + privateKeyOperations);
        }
        return out;
    }

    private int feed(List<byte[]> pdus, Consumer<byte[]> out) {
        VirtualPcsc pcsc = new VirtualPcsc();
        pcsc.addReader(READER);
        pcsc.insertCard(READER, recorded.build(keys, random));
        SecureRandom ids = seededIds();
        int[] bytes = new int[1];
        RdpdrSmartCardChannel channel = RdpdrSmartCardChannel.builder().services(() -> service(pcsc, ids))
                .computerName("teleport").output(pdu -> {
                    bytes[0] += pdu.length;
                    out.accept(pdu);
                }).build();
        try {
            for (byte[] pdu : pdus) {
                channel.receive(pdu);
            }
        } finally {
            channel.close();
        }
        return bytes[0];
    }

    /** The recorded logon's ~350 server PDUs through channel, service and card (3 RSA-2048 private-key ops). */
    @Benchmark
    public int replayLogon() {
        return feed(pdu -> { });
    }

    /** {@link #replayLogon} minus the card's three private-key operations: the protocol's own cost. */
    @Benchmark
    public int replayLogonWithoutPrivateKey() {
        return feed(withoutKey, pdu -> { });
    }

    /** Part of {@link #replayLogon}: the fresh card and its virtual reader alone. */
    @Benchmark
    public Object freshCard() {
        VirtualPcsc pcsc = new VirtualPcsc();
        pcsc.addReader(READER);
        pcsc.insertCard(READER, recorded.build(keys, random));
        return pcsc;
    }

    /** As many raw RSA-2048 private-key operations as the replay makes (3). */
    @Benchmark
    public int jcaRawRsaTimesReplayCount() throws Exception {
        int n = 0;
        for (int i = 0; i < privateKeyOperations; i++) {
            Cipher c = Cipher.getInstance("RSA/ECB/NoPadding");
            c.init(Cipher.DECRYPT_MODE, keys.getPrivate());
            n += c.doFinal(block).length;
        }
        return n;
    }

    /**
     * The baseline as a session meets it: the card holds its own copy of the key (decoded from PKCS#8 when the card
     * is built), so the JDK's RSA blinding parameters are computed afresh once per session.
     */
    @Benchmark
    public int jcaRawRsaTimesReplayCountFreshKey() throws Exception {
        java.security.PrivateKey fresh = java.security.KeyFactory.getInstance("RSA")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(keys.getPrivate().getEncoded()));
        int n = 0;
        for (int i = 0; i < privateKeyOperations; i++) {
            Cipher c = Cipher.getInstance("RSA/ECB/NoPadding");
            c.init(Cipher.DECRYPT_MODE, fresh);
            n += c.doFinal(block).length;
        }
        return n;
    }

    @Benchmark
    public byte[] transmitCallDecodeEncode() throws DecodeException {
        return EscCodecs.decodeCall(Ioctl.TRANSMIT, TRANSMIT_CALL).toBytes();
    }

    @Benchmark
    public byte[] getStatusChangeReturnDecodeEncode() throws DecodeException {
        return EscCodecs.decodeReturn(Ioctl.GET_STATUS_CHANGE_W, STATUS_CHANGE_RETURN).toBytes();
    }
}
