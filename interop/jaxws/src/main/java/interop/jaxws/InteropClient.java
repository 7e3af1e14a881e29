package interop.jaxws;

import interop.jaxws.generated.AppointmentType;
import interop.jaxws.generated.Associate;
import interop.jaxws.generated.CreateInvitation;
import interop.jaxws.generated.FaultDetail;
import interop.jaxws.generated.InvitationItem;
import interop.jaxws.generated.InvitationsPortType;
import interop.jaxws.generated.InvitationsService;
import interop.jaxws.generated.NotFoundFault;
import interop.jaxws.generated.ParticipantRef;
import interop.jaxws.generated.ParticipantResult;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Holder;
import jakarta.xml.ws.handler.Handler;
import jakarta.xml.ws.soap.SOAPFaultException;

import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.security.SecureRandom;

/**
 * Interop client: the JAX-WS RI (Metro) with the classes wsimport generated from the served WSDL.
 *
 * <p>Usage: {@code InteropClient WSDL_URL}. Runs the interop flow twice, without and with a
 * wsu:Timestamp in the wsse:Security header (added by {@link WsseHandler}), and prints one line
 * per check: {@code jaxws  timestamp=no  create    PASS} (or FAIL and a reason). Exits 1 if any
 * check failed.
 */
public final class InteropClient {

    private static final String STACK = "jaxws";
    private static final String START = "2031-04-12T09:00:00Z";
    private static final String END = "2031-04-12T10:00:00Z";
    private static final long MISSING_ID = 999_999_999_999L;

    private final URL wsdl;
    private final boolean timestamp;
    private final String label;
    private int failures;

    private InteropClient(URL wsdl, boolean timestamp) {
        this.wsdl = wsdl;
        this.timestamp = timestamp;
        this.label = timestamp ? "yes" : "no";
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : System.getenv("INTEROP_WSDL_URL");
        if (url == null || url.isBlank()) {
            System.err.println("usage: InteropClient WSDL_URL (or INTEROP_WSDL_URL)");
            System.exit(2);
        }
        int failures = 0;
        for (boolean ts : new boolean[] {false, true}) {
            failures += new InteropClient(new URL(url), ts).run();
        }
        System.out.flush();
        System.exit(failures > 0 ? 1 : 0);
    }

    /** A port of the generated service, reading the served WSDL, that logs in as the given user. */
    private InvitationsPortType port(String user, String password) {
        InvitationsPortType port = new InvitationsService(wsdl).getInvitationsPort();
        BindingProvider bp = (BindingProvider) port;
        @SuppressWarnings("rawtypes")
        List<Handler> chain = new ArrayList<>(bp.getBinding().getHandlerChain());
        chain.add(new WsseHandler(user, password, timestamp));
        bp.getBinding().setHandlerChain(chain);
        bp.getRequestContext().put("com.sun.xml.ws.connect.timeout", 30_000);
        bp.getRequestContext().put("com.sun.xml.ws.request.timeout", 60_000);
        return port;
    }

    private void report(String check, boolean ok, String reason) {
        if (!ok) {
            failures++;
        }
        StringBuilder line = new StringBuilder(String.format("%-6s timestamp=%-3s %-9s %s",
                STACK, label, check, ok ? "PASS" : "FAIL"));
        if (!ok && reason != null && !reason.isEmpty()) {
            String r = reason.replaceAll("\\s+", " ");
            line.append(' ').append(r, 0, Math.min(300, r.length()));
        }
        System.out.println(line);
        System.out.flush();
    }

    private static String describe(Throwable e) {
        if (e instanceof SOAPFaultException sfe) {
            return "SOAP fault " + sfe.getFault().getFaultCode() + ": " + sfe.getFault().getFaultString();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static XMLGregorianCalendar xml(String lexical) throws Exception {
        return DatatypeFactory.newInstance().newXMLGregorianCalendar(lexical);
    }

    private int run() {
        Long recordId = null;
        InvitationItem found = null;
        InvitationsPortType alice;
        InvitationsPortType bob;
        try {
            alice = port("alice", "alice-demo");
            bob = port("bob", "bob-demo");
        } catch (RuntimeException e) {
            for (String check : List.of("create", "list", "accept", "fault", "datetime")) {
                report(check, false, "cannot read the WSDL: " + describe(e));
            }
            return failures;
        }

        // create
        try {
            Long bobId = null;
            String pageToken = null;
            for (int i = 0; i < 100; i++) {
                Holder<List<Associate>> associates = new Holder<>();
                Holder<String> next = new Holder<>();
                alice.listAssociates(null, pageToken, associates, next);
                for (Associate a : associates.value == null ? List.<Associate>of() : associates.value) {
                    if ("bob".equals(a.getUsername())) {
                        bobId = a.getAssociateId();
                    }
                }
                pageToken = next.value;
                if (bobId != null || pageToken == null) {
                    break;
                }
            }
            if (bobId == null) {
                throw new AssertionError("ListAssociates has no associate 'bob'");
            }
            byte[] suffix = new byte[5];
            new SecureRandom().nextBytes(suffix);
            String title = "interop " + STACK + " timestamp=" + label + " " + HexFormat.of().formatHex(suffix);
            CreateInvitation.Participants participants = new CreateInvitation.Participants();
            ParticipantRef ref = new ParticipantRef();
            ref.setAssociateId(bobId);
            participants.getParticipant().add(ref);
            Holder<Long> appointmentId = new Holder<>();
            Holder<Long> masterRecordId = new Holder<>();
            Holder<List<ParticipantResult>> results = new Holder<>();
            // wrapper style: one parameter per request element, requestId (safe retries) included, and one
            // holder per response element (notifications: present only when confirmations were asked for;
            // occurrence: only for a series). timeZone and recurrence left out: a single meeting in UTC.
            alice.createInvitation(AppointmentType.MEETING, title, null, null, xml(START), xml(END),
                    participants, null, "interop-" + java.util.UUID.randomUUID(), null, null, appointmentId,
                    masterRecordId, results, new Holder<>(), new Holder<>());
            List<ParticipantResult> mine = new ArrayList<>();
            for (ParticipantResult p : results.value == null ? List.<ParticipantResult>of() : results.value) {
                if (p.getParticipant() != null && bobId.equals(p.getParticipant().getAssociateId())) {
                    mine.add(p);
                }
            }
            if (mine.size() != 1) {
                throw new AssertionError("expected one participant record for bob (associateId " + bobId
                        + "), got " + mine.size());
            }
            if (mine.get(0).getStatus() != 5) {
                throw new AssertionError("bob's record " + mine.get(0).getRecordId() + " has status "
                        + mine.get(0).getStatus() + ", expected 5");
            }
            recordId = mine.get(0).getRecordId();
            report("create", true, null);
        } catch (Throwable e) {
            report("create", false, describe(e));
        }

        // list
        if (recordId == null) {
            report("list", false, "no recordId from create");
        } else {
            try {
                String pageToken = null;
                for (int i = 0; i < 100 && found == null; i++) {
                    Holder<List<InvitationItem>> items = new Holder<>();
                    Holder<String> next = new Holder<>();
                    bob.getInvitations(null, null, null, null, null, null, pageToken, items, next);
                    for (InvitationItem item : items.value == null ? List.<InvitationItem>of() : items.value) {
                        if (item.getRecordId() == recordId) {
                            found = item;
                        }
                    }
                    pageToken = next.value;
                    if (pageToken == null) {
                        break;
                    }
                }
                if (found == null) {
                    throw new AssertionError("recordId " + recordId + " not in bob's GetInvitations");
                }
                report("list", true, null);
            } catch (Throwable e) {
                report("list", false, describe(e));
            }
        }

        // accept
        if (recordId == null) {
            report("accept", false, "no recordId from create");
        } else {
            try {
                // wrapper style: recordId is in the request and in the answer, so it is an INOUT holder
                Holder<Long> record = new Holder<>(recordId);
                Holder<Integer> status = new Holder<>();
                // recurrenceId and scope left out: a single meeting (occurrencesChanged stays empty)
                bob.acceptInvitation(record, null, null, status, new Holder<>(), new Holder<>(), new Holder<>());
                if (status.value == null || status.value != 1) {
                    throw new AssertionError("status " + status.value + " after AcceptInvitation, expected 1");
                }
                if (!recordId.equals(record.value)) {
                    throw new AssertionError("answer is about record " + record.value + ", not " + recordId);
                }
                report("accept", true, null);
            } catch (Throwable e) {
                report("accept", false, describe(e));
            }
        }

        // fault
        try {
            try {
                bob.acceptInvitation(new Holder<>(MISSING_ID), null, null, new Holder<>(), new Holder<>(),
                        new Holder<>(), new Holder<>());
                throw new AssertionError("AcceptInvitation(" + MISSING_ID + ") did not fault");
            } catch (NotFoundFault fault) {
                // the generated exception of the declared fault; its bean is the detail element
                FaultDetail info = fault.getFaultInfo();
                if (info == null) {
                    throw new AssertionError("NotFoundFault without fault info: " + fault.getMessage());
                }
                if (info.getMessage() == null || info.getMessage().isBlank()) {
                    throw new AssertionError("NotFoundFault.message is empty");
                }
                if (info.getId() == null || info.getId() != MISSING_ID) {
                    throw new AssertionError("NotFoundFault.id is " + info.getId() + ", expected " + MISSING_ID);
                }
            }
            report("fault", true, null);
        } catch (Throwable e) {
            report("fault", false, describe(e));
        }

        // datetime
        if (found == null) {
            report("datetime", false, "invitation not listed");
        } else {
            try {
                XMLGregorianCalendar start = found.getStart();
                if (start == null) {
                    throw new AssertionError("start is missing");
                }
                if (start.getTimezone() == DatatypeConstants.FIELD_UNDEFINED) {
                    throw new AssertionError("start " + start + " came back without a time zone");
                }
                Instant got = start.toGregorianCalendar().toInstant();
                if (!got.equals(Instant.parse(START))) {
                    throw new AssertionError("start " + start + " (" + got + ") != " + START);
                }
                report("datetime", true, null);
            } catch (Throwable e) {
                report("datetime", false, describe(e));
            }
        }
        return failures;
    }
}
