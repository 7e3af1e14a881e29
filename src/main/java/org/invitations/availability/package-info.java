/**
 * Availability: who is busy when (free/busy, merged and without titles) and the earliest times a set of
 * associates, inside their working hours, and resources are all free. Read-only; it reads the same
 * bookings as the diary and the conflict check, one index range per participant.
 */
package org.invitations.availability;
