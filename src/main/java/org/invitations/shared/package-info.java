/** Typed domain errors shared by every feature; the SOAP adapter turns each into a declared fault. */
package org.invitations.shared;
