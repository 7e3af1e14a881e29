package org.invitations.ws;

import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.message.token.UsernameToken;
import org.apache.wss4j.dom.validate.Credential;
import org.apache.wss4j.dom.validate.Validator;
import org.invitations.security.Authenticator;
import org.invitations.security.Caller;

/**
 * Checks a WS-Security UsernameToken (PasswordText) against the stored password hash. A digest
 * password cannot be checked against a salted hash, so only PasswordText is accepted; that is why the
 * README asks for TLS outside a trusted network. On success the {@link Caller} becomes the principal.
 */
final class PasswordTextValidator implements Validator {

    private final Authenticator authenticator;

    PasswordTextValidator(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Credential validate(Credential credential, RequestData data) throws WSSecurityException {
        UsernameToken token = credential == null ? null : credential.getUsernametoken();
        if (token == null || !WSConstants.PASSWORD_TEXT.equals(token.getPasswordType())) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
        }
        Caller caller = authenticator.authenticate(token.getName(), token.getPassword())
                .orElseThrow(() -> new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION));
        credential.setPrincipal(caller);
        return credential;
    }
}
