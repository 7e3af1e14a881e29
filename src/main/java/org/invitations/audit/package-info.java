/** The audit log: every change, who made it, through which integration, and when. */
package org.invitations.audit;
