/** Meetings and their records: creating a meeting, an invitee's invitations, and the answers to them. */
package org.invitations.invitation;
