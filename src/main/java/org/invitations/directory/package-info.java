/** Who can be invited: associates (with logins), contacts with their external persons, and bookable resources. */
package org.invitations.directory;
