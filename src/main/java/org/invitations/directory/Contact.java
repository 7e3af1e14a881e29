package org.invitations.directory;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A customer company. Its persons are external: no login, no diary; their bookings show in its activity archive. */
@Entity
@Table(name = "contact")
public class Contact {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "contact_seq")
    @SequenceGenerator(name = "contact_seq", sequenceName = "contact_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 120)
    private String name;

    @OneToMany(mappedBy = "contact", cascade = CascadeType.PERSIST)
    @OrderBy("id")
    private List<Person> persons = new ArrayList<>();

    protected Contact() {
    }

    public Contact(String name) {
        this.name = name;
    }

    public Person addPerson(String fullName, String email, String mobile) {
        Person person = new Person(this, fullName, email, mobile);
        persons.add(person);
        return person;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public List<Person> getPersons() {
        return Collections.unmodifiableList(persons);
    }
}
