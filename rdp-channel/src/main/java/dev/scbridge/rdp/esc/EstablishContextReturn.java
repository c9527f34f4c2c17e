package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Objects;

/** MS-RDPESC 2.2.3.2 EstablishContext_Return: ReturnCode and the new REDIR_SCARDCONTEXT. */
public record EstablishContextReturn(int returnCode, RedirContext context) implements EscReturn {
    public EstablishContextReturn {
        Objects.requireNonNull(context, "context");
    }

    @Override
    public void encode(NdrWriter w) {
        w.u32(returnCode);
        context.encodeInline(w);
        context.encodeDeferred(w);
    }

    public static EstablishContextReturn decode(NdrReader r) throws DecodeException {
        int rc = r.u32("ReturnCode");
        RedirContext.Inline ctx = RedirContext.readInline(r);
        EstablishContextReturn out = new EstablishContextReturn(rc, ctx.readDeferred(r));
        r.expectEnd("EstablishContext_Return");
        return out;
    }

    @Override
    public String structureName() {
        return "EstablishContext_Return";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.3.2";
    }
}
