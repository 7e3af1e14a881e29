/** Who is calling: password hashing, the authentication cache and the caller principal. */
package org.invitations.security;
