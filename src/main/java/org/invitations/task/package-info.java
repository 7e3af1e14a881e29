/** Distributed tasks: the colleague's task list and progress reports, and the owner's Distribution views. */
package org.invitations.task;
