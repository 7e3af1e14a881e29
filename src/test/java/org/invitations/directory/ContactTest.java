package org.invitations.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A customer company and its external persons, who are added only through the contact. */
class ContactTest {

    @Test
    void aPersonBelongsToTheContactItWasAddedTo() {
        Contact customer = new Contact("Customer AS");

        Person petra = customer.addPerson("Petra Persson", "petra@example.com", "+4791234567");
        Person paul = customer.addPerson("Paul Persson", null, null);

        assertEquals("Customer AS", customer.getName());
        assertNull(customer.getId());
        assertEquals(List.of(petra, paul), customer.getPersons());
        assertSame(customer, petra.getContact());
        assertNull(petra.getId());
        assertEquals("Petra Persson", petra.getFullName());
        assertEquals("petra@example.com", petra.getEmail());
        assertEquals("+4791234567", petra.getMobile());
        assertNull(paul.getEmail(), "confirmations skip a person without an address");
        assertNull(paul.getMobile(), "SMS skip a person without a mobile number");
    }

    @Test
    void personsAreNotAddedBehindTheContactsBack() {
        Contact customer = new Contact("Customer AS");

        assertThrows(UnsupportedOperationException.class, () -> customer.getPersons().clear());
    }
}
