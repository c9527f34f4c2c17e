package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

/** MS-RDPESC 2.2.2.1 EstablishContext_Call: dwScope (USER 0, TERMINAL 1, SYSTEM 2). */
public record EstablishContextCall(int scope) implements EscCall {
    @Override
    public void encode(NdrWriter w) {
        w.u32(scope);
    }

    public static EstablishContextCall decode(NdrReader r) throws DecodeException {
        EstablishContextCall out = new EstablishContextCall(r.u32("dwScope"));
        // No expectEnd: Windows has sent stale bytes after dwScope inside ObjectBufferLength (xrdp dump).
        return out;
    }

    @Override
    public String structureName() {
        return "EstablishContext_Call";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.2.1";
    }
}
