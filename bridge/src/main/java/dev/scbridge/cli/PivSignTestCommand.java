package dev.scbridge.cli;

import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.pcsc.piv.NotFoundException;
import dev.scbridge.pcsc.piv.Pin;
import dev.scbridge.pcsc.piv.PivClient;
import dev.scbridge.pcsc.piv.PivException;
import dev.scbridge.pcsc.piv.StatusWordException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.concurrent.Callable;

/**
 * {@code scbridge piv sign-test SLOT}: VERIFY the PIN, sign random data with the slot's key (GENERAL AUTHENTICATE,
 * SP 800-73-4 Part 2, 3.2.4; RSA padded PKCS#1 v1.5 here) and check the signature with the slot's certificate, or
 * with the key's public half from GET METADATA when there is no certificate; yubico-piv-tool {@code -a test-signature}.
 */
@Command(name = "sign-test", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Sign random data with a slot's key and verify the signature.",
            "Exit 0 when it verifies, 1 otherwise."})
final class PivSignTestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    PivOptions.Reader reader;
    @Mixin
    PivOptions.PinSource pin;

    @Parameters(index = "0", paramLabel = "SLOT", converter = PivConverters.Slot.class,
            description = "Key slot: 9a, 9c, 9d, 9e or 82-95.")
    PivKeyRef slot;

    @Override
    public Integer call() throws CliFailure {
        Pin p = pin.read("PIN");
        String[] result = new String[1];
        try {
            PivRunner.run(reader.name, "PIN", (piv, name) -> result[0] = test(piv, p));
        } finally {
            p.destroy();
        }
        spec.commandLine().getOut().println(result[0]);
        return Main.OK;
    }

    private String test(PivClient piv, Pin p) throws IOException, PivException, CliFailure {
        String slotName = String.format("%02X", slot.code());
        PublicKey key;
        String source;
        try {
            key = piv.objects().readCertificate(slot).getPublicKey();
            source = "certificate";
        } catch (NotFoundException noCertificate) {
            try {
                key = piv.metadata().key(slot).publicKey();
                source = "key metadata";
            } catch (StatusWordException noKey) {
                throw new CliFailure("slot " + slotName + " has no certificate and no key to test", noKey);
            }
        }
        PivAlgorithm algorithm = algorithmOf(key);
        byte[] data = new byte[32];
        new SecureRandom().nextBytes(data);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
            piv.pins().verifyPin(p);
            byte[] sig = algorithm.isRsa()
                    ? piv.crypto().signRsaPkcs1(slot, algorithm, "SHA-256", digest)
                    : piv.crypto().signEcdsa(slot, algorithm, digest);
            Signature v = Signature.getInstance(algorithm.isRsa() ? "SHA256withRSA" : "SHA256withECDSA");
            v.initVerify(key);
            v.update(data);
            if (!v.verify(sig)) {
                throw new CliFailure("the signature of slot " + slotName + " does not verify with its " + source
                        + " public key", null);
            }
        } catch (GeneralSecurityException e) {
            throw new CliFailure("signature check failed: " + e.getMessage(), e);
        }
        return "Signature verified with the " + source + " public key (" + PivConverters.name(algorithm)
                + ", slot " + slotName + ").";
    }

    private PivAlgorithm algorithmOf(PublicKey key) throws CliFailure {
        int bits = key instanceof RSAKey r ? r.getModulus().bitLength()
                : key instanceof ECKey e ? e.getParams().getCurve().getField().getFieldSize() : 0;
        for (PivAlgorithm a : PivAlgorithm.values()) {
            if ((a.isRsa() && key instanceof RSAKey || a.isEc() && key instanceof ECKey) && a.bits() == bits) {
                return a;
            }
        }
        throw new CliFailure("slot " + String.format("%02X", slot.code()) + " holds a " + key.getAlgorithm()
                + " key this command cannot test", null);
    }
}
