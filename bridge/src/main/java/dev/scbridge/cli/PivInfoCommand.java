package dev.scbridge.cli;

import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.apdu.piv.PivObjectId;
import dev.scbridge.pcsc.piv.FirmwareVersion;
import dev.scbridge.pcsc.piv.KeyMetadata;
import dev.scbridge.pcsc.piv.NotFoundException;
import dev.scbridge.pcsc.piv.PinMetadata;
import dev.scbridge.pcsc.piv.PinStatus;
import dev.scbridge.pcsc.piv.PivClient;
import dev.scbridge.pcsc.piv.PivException;
import dev.scbridge.pcsc.piv.StatusWordException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;

/**
 * {@code scbridge piv info}: what ykman {@code piv info} shows: version, serial, PIN/PUK tries, management-key
 * algorithm, CHUID, CCC and each slot's key and certificate. Reads only; needs no PIN.
 */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Show the PIV application's state: version, tries left, keys and certificates.")
final class PivInfoCommand implements Callable<Integer> {
    private static final String FORMAT = "%-26s%s%n";

    @Spec
    CommandSpec spec;
    @Mixin
    PivOptions.Reader reader;

    @Override
    public Integer call() throws CliFailure {
        PrintWriter out = spec.commandLine().getOut();
        PivRunner.run(reader.name, "PIN", (piv, name) -> print(piv, name, out));
        out.flush();
        return Main.OK;
    }

    private void print(PivClient piv, String readerName, PrintWriter out) throws IOException, PivException {
        out.printf(FORMAT, "Reader:", readerName);
        FirmwareVersion version = null;
        try {
            version = piv.session().version();
            out.printf(FORMAT, "PIV version:", version);
        } catch (StatusWordException notYubico) {
            out.printf(FORMAT, "PIV version:", "unknown (no GET VERSION)");
        }
        if (version != null && version.isAtLeast(FirmwareVersion.SERIAL)) {
            out.printf(FORMAT, "Serial number:", piv.session().serial());
        }
        boolean metadata = version != null && version.isAtLeast(FirmwareVersion.METADATA);
        if (metadata) {
            PinMetadata pin = piv.metadata().pin(PivKeyRef.PIN);
            PinMetadata puk = piv.metadata().pin(PivKeyRef.PUK);
            out.printf(FORMAT, "PIN tries remaining:", pin.attemptsRemaining() + "/" + pin.totalAttempts());
            out.printf(FORMAT, "PUK tries remaining:", puk.attemptsRemaining() + "/" + puk.totalAttempts());
            var mgm = piv.metadata().managementKey();
            out.printf(FORMAT, "Management key algorithm:", mgm.algorithm());
            warnIf(out, pin.isDefault(), "PIN");
            warnIf(out, puk.isDefault(), "PUK");
            warnIf(out, mgm.isDefault(), "management key");
        } else {
            PinStatus pin = piv.pins().status(PivKeyRef.PIN);
            out.printf(FORMAT, "PIN tries remaining:", pin.blocked() ? "0 (blocked)"
                    : pin.retriesLeft() == PinStatus.UNKNOWN ? "verified" : String.valueOf(pin.retriesLeft()));
        }
        out.printf(FORMAT, "CHUID:", objectHex(piv, PivObjectId.CHUID));
        out.printf(FORMAT, "CCC:", objectHex(piv, PivObjectId.CCC));
        for (PivKeyRef slot : PivKeyRef.values()) {
            if (slot.isAsymmetricSlot() && slot != PivKeyRef.ATTESTATION) {
                printSlot(piv, slot, metadata, out);
            }
        }
    }

    private static void warnIf(PrintWriter out, boolean isDefault, String what) {
        if (isDefault) {
            out.println("WARNING: Using default " + what + "!");
        }
    }

    private static String objectHex(PivClient piv, PivObjectId id) throws IOException, PivException {
        try {
            return Hex.plain(piv.objects().read(id)).toLowerCase(java.util.Locale.ROOT);
        } catch (NotFoundException e) {
            return "No data available";
        }
    }

    private static void printSlot(PivClient piv, PivKeyRef slot, boolean metadata, PrintWriter out)
            throws IOException, PivException {
        KeyMetadata key = null;
        if (metadata) {
            try {
                key = piv.metadata().key(slot);
            } catch (NotFoundException empty) {
                key = null;
            }
        }
        X509Certificate cert;
        try {
            cert = piv.objects().readCertificate(slot);
        } catch (NotFoundException none) {
            cert = null;
        }
        if (key == null && cert == null) {
            return;
        }
        out.printf("Slot %02X (%s):%n", slot.code(), slot.name());
        if (key != null) {
            out.printf(FORMAT, "  Private key type:", PivConverters.name(key.algorithm()));
            out.printf(FORMAT, "  Key origin:", key.generated() ? "generated" : "imported");
            out.printf(FORMAT, "  PIN / touch policy:", key.pinPolicy() + " / " + key.touchPolicy());
        }
        if (cert != null) {
            out.printf(FORMAT, "  Subject DN:", cert.getSubjectX500Principal().getName());
            out.printf(FORMAT, "  Issuer DN:", cert.getIssuerX500Principal().getName());
            out.printf(FORMAT, "  Serial:", cert.getSerialNumber().toString(16));
            out.printf(FORMAT, "  Fingerprint:", fingerprint(cert));
            out.printf(FORMAT, "  Not before:", cert.getNotBefore().toInstant());
            out.printf(FORMAT, "  Not after:", cert.getNotAfter().toInstant());
        }
    }

    private static String fingerprint(X509Certificate cert) {
        try {
            return Hex.plain(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()))
                    .toLowerCase(java.util.Locale.ROOT);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "unavailable";
        }
    }
}
