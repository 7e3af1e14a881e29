package org.invitations.notification;

import org.invitations.support.OnPostgres;

/** The same sizes on PostgreSQL, whose columns count characters like Derby's and store TEXT, not large objects. */
@OnPostgres
class ContractSizesOnPostgresTest extends ContractSizesTest {
}
