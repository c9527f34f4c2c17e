package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.ApduTransport;
import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.card.PivCard;

import java.util.ArrayList;
import java.util.List;

/** Clients over the in-process software card, and a transport that records what went to the card. */
final class TestCards {
    private TestCards() {
    }

    static PivClient open(PivCard card) throws Exception {
        return PivClient.open(ApduTransport.ofBytes(card::transmit));
    }

    static PivClient authenticated(PivCard card) throws Exception {
        PivClient piv = open(card);
        piv.admin().authenticate(ManagementKey.defaultKey(dev.scbridge.apdu.piv.PivAlgorithm.TDES));
        return piv;
    }

    /** Records every raw command before passing it to the card. */
    static final class Recording implements ApduTransport {
        final List<CommandApdu> sent = new ArrayList<>();
        private final ApduTransport next;

        Recording(PivCard card) {
            this.next = ApduTransport.ofBytes(card::transmit);
        }

        @Override
        public dev.scbridge.apdu.ResponseApdu transmit(CommandApdu command) throws java.io.IOException {
            sent.add(command);
            return next.transmit(command);
        }
    }
}
