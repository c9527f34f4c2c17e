package dev.scbridge.card;

import dev.scbridge.apdu.piv.PivAlgorithm;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;

/** The two PIV curves (SP 800-78-4 Table 6-2: P-256, P-384): JCA parameters and point arithmetic via Bouncy Castle. */
final class Curves {
    static final ECParameterSpec P256 = jca("secp256r1");
    static final ECParameterSpec P384 = jca("secp384r1");

    private Curves() {
    }

    private static ECParameterSpec jca(String name) {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec(name));
            return p.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static ECParameterSpec jcaParams(PivAlgorithm alg) {
        return alg == PivAlgorithm.ECC_P256 ? P256 : P384;
    }

    private static X9ECParameters bc(PivAlgorithm alg) {
        return ECNamedCurveTable.getByName(alg == PivAlgorithm.ECC_P256 ? "P-256" : "P-384");
    }

    /** True when {@code encoded} is a valid point on the curve (not infinity). */
    static boolean isOnCurve(PivAlgorithm alg, byte[] encoded) {
        try {
            org.bouncycastle.math.ec.ECPoint p = bc(alg).getCurve().decodePoint(encoded);
            return p.isValid() && !p.isInfinity();
        } catch (IllegalArgumentException | ArithmeticException e) {
            return false;
        }
    }

    /** Q = d·G for an imported private scalar; IllegalArgumentException if d is out of range. */
    static ECPoint publicPoint(PivAlgorithm alg, BigInteger d) {
        X9ECParameters params = bc(alg);
        if (d.signum() <= 0 || d.compareTo(params.getN()) >= 0) {
            throw new IllegalArgumentException("private scalar out of range");
        }
        org.bouncycastle.math.ec.ECPoint q = params.getG().multiply(d).normalize();
        return new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    }
}
