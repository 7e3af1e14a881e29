/**
 * What every feature shares: the typed domain errors (the SOAP adapter turns each into a declared fault),
 * paging ({@link org.invitations.shared.Page}, {@link org.invitations.shared.PageToken}), a query's
 * optional filters kept with their parameters ({@link org.invitations.shared.Hql}), the index a list is
 * read by ({@link org.invitations.shared.IndexHint}), and one transaction per operation, replayed after a
 * lost race ({@link org.invitations.shared.Transactions}).
 */
package org.invitations.shared;
