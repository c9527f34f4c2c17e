package dev.scbridge.card;

import dev.scbridge.apdu.StatusWord;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.Pivs;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Management-key (9B) authentication by GENERAL AUTHENTICATE, SP 800-73-4 Part 2 Appendix A.1/A.2:
 *
 * <pre>
 *  mutual    host: 7C{80 00}              card: 7C{80 E(K,W)}
 *            host: 7C{80 W, 81 C [,82 00]} card: 7C{82 E(K,C)}    (wrong W: 6982)
 *  external  host: 7C{81 00}              card: 7C{81 C}
 *            host: 7C{82 E(K,C)}          card: 9000             (wrong: 6982)
 * </pre>
 *
 * P1 is the management key's algorithm, or 00 (OpenSC's GET CHALLENGE form, answered by a real YubiKey).
 */
final class AdminAuthentication {
    private final PivCard card;

    AdminAuthentication(PivCard card) {
        this.card = card;
    }

    byte[] authenticate(int p1, List<Tlv> items) {
        ManagementKey key = card.state.managementKey;
        SecurityStatus status = card.status;
        if (p1 != 0 && p1 != key.algorithm().code()) {
            status.clearAdminChallenge();
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
        int block = key.algorithm().blockSize();
        Optional<Tlv> witness = Tlv.find(items, Pivs.TAG_WITNESS);
        Optional<Tlv> challenge = Tlv.find(items, Pivs.TAG_CHALLENGE);
        Optional<Tlv> response = Tlv.find(items, Pivs.TAG_RESPONSE);
        SecurityStatus.AdminStep step = status.adminStep;
        byte[] expected = status.adminExpected;
        status.adminStep = SecurityStatus.AdminStep.NONE;
        status.adminExpected = null;

        if (items.size() == 1 && witness.isPresent() && witness.get().length() == 0) {
            byte[] w = random(block);
            status.adminStep = SecurityStatus.AdminStep.MUTUAL_WITNESS;
            status.adminExpected = w;
            status.adminAuthenticated = false;
            return Tlv.of(Pivs.TAG_DYN_AUTH, new Tlv(Pivs.TAG_WITNESS, key.encrypt(w))).encode();
        }
        if (items.size() == 1 && challenge.isPresent() && challenge.get().length() == 0) {
            byte[] c = random(block);
            status.adminStep = SecurityStatus.AdminStep.EXTERNAL_CHALLENGE;
            status.adminExpected = key.encrypt(c);
            status.adminAuthenticated = false;
            return Tlv.of(Pivs.TAG_DYN_AUTH, new Tlv(Pivs.TAG_CHALLENGE, c)).encode();
        }
        if (witness.isPresent() && challenge.isPresent()
                && items.size() == (response.isPresent() ? 3 : 2)
                && (response.isEmpty() || response.get().length() == 0)) {
            if (step != SecurityStatus.AdminStep.MUTUAL_WITNESS
                    || !MessageDigest.isEqual(expected, witness.get().value())) {
                throw new SwException(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
            }
            if (challenge.get().length() != block) {
                throw new SwException(StatusWord.INCORRECT_DATA);
            }
            status.adminAuthenticated = true;
            return Tlv.of(Pivs.TAG_DYN_AUTH, new Tlv(Pivs.TAG_RESPONSE, key.encrypt(challenge.get().value())))
                    .encode();
        }
        if (items.size() == 1 && response.isPresent() && response.get().length() > 0) {
            if (step != SecurityStatus.AdminStep.EXTERNAL_CHALLENGE
                    || !MessageDigest.isEqual(expected, response.get().value())) {
                throw new SwException(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
            }
            status.adminAuthenticated = true;
            return new byte[0];
        }
        throw new SwException(StatusWord.INCORRECT_DATA);
    }

    private byte[] random(int n) {
        byte[] b = new byte[n];
        card.random.nextBytes(b);
        return b;
    }
}
