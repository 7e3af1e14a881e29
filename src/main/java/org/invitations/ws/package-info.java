/** The SOAP adapter: the endpoint implementing the generated port type, its mappers, faults and WS-Security wiring. */
package org.invitations.ws;
