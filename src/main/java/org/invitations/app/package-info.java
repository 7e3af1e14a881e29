/** Start-up: configuration, database and migrations, the first admin, demo data, and the server's lifetime. */
package org.invitations.app;
