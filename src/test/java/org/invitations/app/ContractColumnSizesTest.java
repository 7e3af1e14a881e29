package org.invitations.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Whatever text the contract lets a client send fits the column it is stored in, on Derby and PostgreSQL:
 * the longest value of every length-bounded string of a request (from the XSD's maxLength, its pattern,
 * or its longest enumeration value) against the size of each column it lands in, as the changelog leaves
 * it after every createTable, addColumn, modifyDataType, renameColumn and dropColumn, per database.
 *
 * <p>Lengths compare directly: the XSD's lengths count UTF-16 code units (see its documentation; the
 * validator counts them so), Derby's VARCHAR(n) counts Java characters, which are the same units, and
 * PostgreSQL's varchar(n) counts code points, of which a text has at most as many.
 *
 * <p>{@link #WHERE_STORED} is the one place that says where each request field goes; a new bounded field
 * in a request that is not in it fails {@link #everyBoundedRequestFieldSaysWhereItIsStored()}.
 */
class ContractColumnSizesTest {

    private static final String XS = "http://www.w3.org/2001/XMLSchema";
    private static final String LIQUIBASE = "http://www.liquibase.org/xml/ns/dbchangelog";
    private static final int UNBOUNDED = Integer.MAX_VALUE;
    private static final int DERBY_VARCHAR_MAX = 32_672;

    /** Kept for the request only, never stored: the reason instead of a column. */
    private static final String NOT_STORED = "";

    /** Request field (element path from the request's element) to the columns ("table.column") it is written to. */
    private static final Map<String, List<String>> WHERE_STORED = new LinkedHashMap<>();

    static {
        stored("OnBehalfOf/username", "associate.username", "audit_event.username");
        stored("CreateInvitation/type", "appointment.type");
        stored("CreateInvitation/title", "appointment.title", "participant_record.title");
        stored("CreateInvitation/description", "appointment.description", "participant_record.description");
        stored("CreateInvitation/location", "appointment.location", "participant_record.location");
        stored("CreateInvitation/requestId", "client_request.request_id");
        stored("GetInvitations/pageToken", NOT_STORED);
        stored("DeclineInvitation/reason", "participant_record.decline_reason");
        stored("UpdateAppointment/title", "appointment.title", "participant_record.title");
        stored("UpdateAppointment/description", "appointment.description", "participant_record.description");
        stored("UpdateAppointment/location", "appointment.location", "participant_record.location");
        stored("CreateTask/title", "appointment.title", "participant_record.title");
        stored("CreateTask/description", "appointment.description", "participant_record.description");
        stored("CreateTask/requestId", "client_request.request_id");
        stored("ReportTaskProgress/note", "participant_record.progress_note");
        stored("GetTasks/filter", NOT_STORED);
        stored("GetTasks/pageToken", NOT_STORED);
        stored("GetDistributedTasks/filter", NOT_STORED);
        stored("GetDistributedTasks/pageToken", NOT_STORED);
        stored("CreateAssociate/username", "associate.username");
        stored("CreateAssociate/fullName", "associate.full_name");
        stored("CreateAssociate/email", "associate.email");
        stored("CreateAssociate/password", NOT_STORED); // only its hash, of fixed size
        stored("CreateAssociate/role", "associate.role");
        stored("ChangePassword/currentPassword", NOT_STORED);
        stored("ChangePassword/newPassword", NOT_STORED);
        stored("GetAuditLog/pageToken", NOT_STORED);
        stored("ListAssociates/pageToken", NOT_STORED);
        stored("CreateContact/name", "contact.name");
        stored("CreateContact/person/fullName", "person.full_name");
        stored("CreateContact/person/email", "person.email", "outbox_item.destination");
        stored("CreateContact/person/mobile", "person.mobile", "outbox_item.destination");
        stored("ListContacts/pageToken", NOT_STORED);
        stored("CreateResource/name", "booking_resource.name");
        stored("CreateResource/description", "booking_resource.description");
        stored("CreateResource/bookingPolicy", "booking_resource.booking_policy");
        stored("SetResourcePolicy/bookingPolicy", "booking_resource.booking_policy");
        stored("ListResources/pageToken", NOT_STORED);
        stored("SetWorkingHours/workingHours/weekday", "associate.working_days"); // at most 7 of 2, joined by commas
        stored("SetWorkingHours/workingHours/start", "associate.work_start");
        stored("SetWorkingHours/workingHours/end", "associate.work_end");
        stored("RegisterWebhook/url", "webhook.url", "outbox_item.destination");
        stored("RegisterWebhook/secret", "webhook.secret");
        stored("ListDeadDeliveries/pageToken", NOT_STORED);
        stored("CreateInvitation/timeZone", "appointment.time_zone");
        stored("CreateInvitation/recurrence/rrule", "appointment.recurrence_rule");
        stored("CreateInvitation/recurrence/frequency", NOT_STORED); // written into the rule
        stored("CreateInvitation/recurrence/weekday", NOT_STORED); // written into the rule
        stored("CreateTask/timeZone", "appointment.time_zone");
        stored("CreateTask/recurrence/rrule", "appointment.recurrence_rule");
        stored("CreateTask/recurrence/frequency", NOT_STORED);
        stored("CreateTask/recurrence/weekday", NOT_STORED);
        stored("CreateAssociate/timeZone", "associate.time_zone");
        stored("SetAssociateTimeZone/timeZone", "associate.time_zone");
        stored("DeclineInvitation/proposalComment", "time_proposal.comment_text");
        stored("TentativelyAcceptInvitation/proposalComment", "time_proposal.comment_text");
        stored("ListCalendarReplies/outcome", NOT_STORED); // a filter
        stored("ListCalendarReplies/pageToken", NOT_STORED);
        for (String answer : List.of("AcceptInvitation", "TentativelyAcceptInvitation", "DeclineInvitation",
                "MarkInvitationSeen", "PostponeInvitation", "AcknowledgeDecline", "MoveAppointment",
                "CancelAppointment", "UpdateAppointment")) {
            stored(answer + "/scope", NOT_STORED);
        }
    }

    private static void stored(String field, String... columns) {
        WHERE_STORED.put(field, List.of(columns).stream().filter(c -> !c.isEmpty()).toList());
    }

    @Test
    void everyBoundedRequestFieldSaysWhereItIsStored() throws Exception {
        Map<String, Integer> fields = new Contract().boundedRequestFields();

        assertEquals(new TreeSet<>(fields.keySet()), new TreeSet<>(WHERE_STORED.keySet()),
                "WHERE_STORED lists exactly the length-bounded string fields of the requests");
    }

    @Test
    void everyColumnHoldsTheLongestValueTheContractAllowsOnDerby() throws Exception {
        assertColumnsHoldTheContract("derby");
    }

    @Test
    void everyColumnHoldsTheLongestValueTheContractAllowsOnPostgres() throws Exception {
        assertColumnsHoldTheContract("postgresql");
    }

    @Test
    void derbyVarcharsStayWithinDerbysLimit() throws Exception {
        Map<String, Integer> columns = new Changelog("derby").sizes();

        columns.forEach((column, size) -> assertTrue(size == UNBOUNDED || size <= DERBY_VARCHAR_MAX,
                column + " is VARCHAR(" + size + "); Derby's VARCHAR ends at " + DERBY_VARCHAR_MAX + ": use a CLOB"));
    }

    /** The walker itself: a pattern's longest match, and the changelog's replay, as the fixes rely on them. */
    @Test
    void theLongestMatchOfAPatternIsCounted() {
        assertEquals(21, Contract.longestMatch("\\+?[0-9 ]{3,20}"));
        assertEquals(40, Contract.longestMatch("[a-z][a-z0-9._\\-]{1,39}"));
        assertEquals(64, Contract.longestMatch("[A-Za-z0-9._:\\-]{1,64}"));
        assertEquals(UNBOUNDED, Contract.longestMatch("https?://.+"));
        assertEquals(UNBOUNDED, Contract.longestMatch("(ab|c){2}"));
    }

    private static void assertColumnsHoldTheContract(String dbms) throws Exception {
        Map<String, Integer> fields = new Contract().boundedRequestFields();
        Map<String, Integer> columns = new Changelog(dbms).sizes();
        List<String> tooShort = new ArrayList<>();
        WHERE_STORED.forEach((field, where) -> {
            for (String column : where) {
                Integer size = columns.get(column);
                assertTrue(size != null, column + " (for " + field + ") is no text column of the " + dbms + " schema");
                Integer longest = fields.get(field);
                if (longest != null && size < longest) {
                    tooShort.add(field + " allows " + (longest == UNBOUNDED ? "any length" : longest + " characters")
                            + ", " + column + " holds " + size);
                }
            }
        });
        assertEquals(List.of(), tooShort, "columns shorter than the contract on " + dbms);
    }

    /** The request side of wsdl/invitations.xsd. */
    static final class Contract {

        private final Map<String, Element> simpleTypes = new HashMap<>();
        private final Map<String, Element> complexTypes = new HashMap<>();
        private final Map<String, Element> elements = new LinkedHashMap<>();

        Contract() throws Exception {
            Element schema = parse(Path.of("wsdl/invitations.xsd")).getDocumentElement();
            for (Element child : children(schema, null)) {
                switch (child.getLocalName()) {
                    case "simpleType" -> simpleTypes.put(child.getAttribute("name"), child);
                    case "complexType" -> complexTypes.put(child.getAttribute("name"), child);
                    case "element" -> elements.put(child.getAttribute("name"), child);
                    default -> { }
                }
            }
        }

        /** Every request's string fields that have a longest value, by path, with that length. */
        Map<String, Integer> boundedRequestFields() {
            Map<String, Integer> fields = new TreeMap<>();
            elements.forEach((name, element) -> {
                if (!name.endsWith("Response") && !name.endsWith("Fault")) {
                    walk(name, element, fields, new java.util.HashSet<>());
                }
            });
            return fields;
        }

        private void walk(String path, Element element, Map<String, Integer> fields, Set<String> seen) {
            String type = local(element.getAttribute("type"));
            if (!type.isEmpty() && simpleTypes.containsKey(type)) {
                Integer longest = longest(simpleTypes.get(type));
                if (longest != null) {
                    fields.put(path, longest);
                }
                return;
            }
            Element complex = type.isEmpty() ? first(element, "complexType") : complexTypes.get(type);
            if (complex == null || !seen.add(type.isEmpty() ? path : type)) {
                return; // a built-in type (xs:boolean, xs:dateTime, ...), or a type already on the path
            }
            for (Element child : descendants(complex, "element")) {
                if (nearestComplexType(child) == complex) {
                    walk(path + "/" + child.getAttribute("name"), child, fields, new java.util.HashSet<>(seen));
                }
            }
        }

        /** The longest value of a string type, or null when it is no string (an Id, a date). */
        private static Integer longest(Element simpleType) {
            Element restriction = first(simpleType, "restriction");
            String base = local(restriction.getAttribute("base"));
            if (!base.equals("string") && !base.equals("anyURI") && !base.equals("token")) {
                return null;
            }
            int longest = UNBOUNDED;
            int enumerated = -1;
            for (Element facet : children(restriction, null)) {
                String value = facet.getAttribute("value");
                switch (facet.getLocalName()) {
                    case "maxLength", "length" -> longest = Math.min(longest, Integer.parseInt(value));
                    case "pattern" -> longest = Math.min(longest, longestMatch(value));
                    case "enumeration" -> enumerated = Math.max(enumerated, value.length());
                    default -> { }
                }
            }
            return enumerated >= 0 ? Math.min(longest, enumerated) : longest;
        }

        /**
         * The longest string a pattern of atoms and quantifiers matches: a character, an escape, a class
         * or "."; then ?, *, +, {n}, {n,} or {n,m}. Anything else (groups, alternatives) counts as unbounded,
         * which the columns then have to be (or the type needs a maxLength).
         */
        static int longestMatch(String pattern) {
            long total = 0;
            int i = 0;
            while (i < pattern.length()) {
                char c = pattern.charAt(i);
                if (c == '(' || c == '|' || c == ')') {
                    return UNBOUNDED;
                }
                if (c == '[') {
                    int j = i + 1;
                    while (pattern.charAt(j) != ']') {
                        j += pattern.charAt(j) == '\\' ? 2 : 1;
                    }
                    i = j + 1;
                } else if (c == '\\') {
                    i += 2;
                } else {
                    i++;
                }
                long times = 1;
                if (i < pattern.length()) {
                    char q = pattern.charAt(i);
                    if (q == '?') {
                        i++;
                    } else if (q == '*' || q == '+') {
                        return UNBOUNDED;
                    } else if (q == '{') {
                        int end = pattern.indexOf('}', i);
                        String[] bounds = pattern.substring(i + 1, end).split(",", -1);
                        if (bounds.length == 2 && bounds[1].isEmpty()) {
                            return UNBOUNDED;
                        }
                        times = Long.parseLong(bounds[bounds.length - 1]);
                        i = end + 1;
                    }
                }
                total += times;
            }
            return (int) Math.min(total, UNBOUNDED);
        }

        private static Element nearestComplexType(Element element) {
            Node node = element.getParentNode();
            while (node instanceof Element e && !e.getLocalName().equals("complexType")) {
                node = node.getParentNode();
            }
            return (Element) node;
        }
    }

    /** The text columns of the changelog as they stand after every change set that runs on one database. */
    static final class Changelog {

        private final Map<String, Integer> sizes = new TreeMap<>();

        Changelog(String dbms) throws Exception {
            Element log = parse(Path.of("src/main/resources/db/changelog.xml")).getDocumentElement();
            for (Element changeSet : children(log, "changeSet")) {
                String only = changeSet.getAttribute("dbms");
                if (!only.isEmpty() && !List.of(only.split("\\s*,\\s*")).contains(dbms)) {
                    continue;
                }
                for (Element change : children(changeSet, null)) {
                    String table = change.getAttribute("tableName").toLowerCase();
                    switch (change.getLocalName()) {
                        case "createTable", "addColumn" -> {
                            for (Element column : children(change, "column")) {
                                put(table + "." + column.getAttribute("name").toLowerCase(), column.getAttribute("type"));
                            }
                        }
                        case "modifyDataType" -> put(table + "." + change.getAttribute("columnName").toLowerCase(),
                                change.getAttribute("newDataType"));
                        case "dropColumn" -> sizes.remove(table + "." + change.getAttribute("columnName").toLowerCase());
                        case "renameColumn" -> {
                            Integer size = sizes.remove(table + "." + change.getAttribute("oldColumnName").toLowerCase());
                            if (size != null) {
                                sizes.put(table + "." + change.getAttribute("newColumnName").toLowerCase(), size);
                            }
                        }
                        case "dropTable" -> sizes.keySet().removeIf(c -> c.startsWith(table + "."));
                        default -> { }
                    }
                }
            }
        }

        private void put(String column, String type) {
            String t = type.trim().toUpperCase();
            java.util.regex.Matcher varchar = java.util.regex.Pattern
                    .compile("(?:VARCHAR|CHARACTER VARYING|NVARCHAR|CHAR)\\s*\\((\\d+)\\)").matcher(t);
            if (varchar.matches()) {
                sizes.put(column, Integer.parseInt(varchar.group(1)));
            } else if (t.equals("CLOB") || t.equals("TEXT") || t.equals("NCLOB")) {
                sizes.put(column, UNBOUNDED);
            } else {
                sizes.remove(column); // no longer (or never) text
            }
        }

        /** "table.column" to its size in characters; CLOB and TEXT are unbounded. */
        Map<String, Integer> sizes() {
            return sizes;
        }
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (XS.equals(e.getNamespaceURI()) || LIQUIBASE.equals(e.getNamespaceURI()))
                    && (localName == null || localName.equals(e.getLocalName()))) {
                found.add(e);
            }
        }
        return found;
    }

    private static List<Element> descendants(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        var nodes = parent.getElementsByTagNameNS(XS, localName);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static Element first(Element parent, String localName) {
        var nodes = parent.getElementsByTagNameNS(XS, localName);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }

    private static String local(String qname) {
        return qname.substring(qname.indexOf(':') + 1);
    }
}
