package org.invitations.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.invitations.security.Role;

/**
 * An internal user of the company: has a login and a diary, and is the only kind of participant that
 * receives invitations and must answer them.
 */
@Entity
@Table(name = "associate")
public class Associate {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "associate_seq")
    @SequenceGenerator(name = "associate_seq", sequenceName = "associate_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, unique = true, length = 40)
    private String username;

    @Column(name = "full_name", nullable = false, length = 120)
    private String fullName;

    @Column(length = 254)
    private String email;

    /** Set when the associate is created; changed only through security's Account. */
    @Column(name = "password_hash", nullable = false, length = 200, updatable = false)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12, updatable = false)
    private Role role;

    /** A disabled associate cannot sign in; its records stay. Changed only through security's Account. */
    @Column(nullable = false, updatable = false)
    private boolean enabled = true;

    /** The IANA zone its new appointments are written in (see {@link org.invitations.shared.TimeZones}). */
    @Column(name = "time_zone", nullable = false, length = 64)
    private String timeZone = org.invitations.shared.TimeZones.UTC;

    /** The weekdays of its working hours, "MO,TU,WE,TH,FR" (see {@link WorkingHours}). */
    @Column(name = "working_days", nullable = false, length = 20)
    private String workingDays = "MO,TU,WE,TH,FR";

    @Column(name = "work_start", nullable = false, length = 5)
    private String workStart = "08:00";

    @Column(name = "work_end", nullable = false, length = 5)
    private String workEnd = "17:00";

    protected Associate() {
    }

    public Associate(String username, String fullName, String email, String passwordHash, Role role) {
        this.username = username;
        this.fullName = fullName;
        this.email = email;
        this.passwordHash = passwordHash;
        this.role = role;
    }

    /** The zone its new appointments are written in. */
    public java.time.ZoneId getTimeZone() {
        return java.time.ZoneId.of(timeZone);
    }

    /** The IANA id of {@link #getTimeZone()}. */
    public String getTimeZoneId() {
        return timeZone;
    }

    /** A new zone for its new appointments; existing ones keep theirs. */
    public void changeTimeZone(java.time.ZoneId zone) {
        this.timeZone = org.invitations.shared.TimeZones.idOf(zone);
    }

    /** When a search for a free time may place it, in its own zone. */
    public WorkingHours getWorkingHours() {
        return WorkingHours.stored(workingDays, workStart, workEnd);
    }

    /** New working hours, already checked ({@link WorkingHours#of}). */
    public void changeWorkingHours(WorkingHours hours) {
        this.workingDays = hours.storedDays();
        this.workStart = hours.startText();
        this.workEnd = hours.endText();
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getFullName() {
        return fullName;
    }

    public String getEmail() {
        return email;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public Role getRole() {
        return role;
    }
}
