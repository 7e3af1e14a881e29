package org.invitations.ws;

import org.apache.cxf.message.Message;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.message.token.UsernameToken;
import org.apache.wss4j.dom.validate.Credential;
import org.apache.wss4j.dom.validate.Validator;
import org.invitations.security.AuthenticationFailed;
import org.invitations.security.Authenticator;
import org.invitations.security.Caller;

/**
 * Checks a WS-Security UsernameToken (PasswordText) against the stored password hash. A digest
 * password cannot be checked against a salted hash, so only PasswordText is accepted; that is why the
 * README asks for TLS outside a trusted network. On success the {@link Caller} becomes the principal;
 * on failure the reason is left on the message for {@link ClientFaultInterceptor} to report.
 */
final class PasswordTextValidator implements Validator {

    static final String FAILURE = "invitations.authentication.failure";

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
        try {
            credential.setPrincipal(authenticator.authenticate(token.getName(), token.getPassword()));
            return credential;
        } catch (AuthenticationFailed e) {
            if (data.getMsgContext() instanceof Message message) {
                message.getExchange().put(FAILURE, e.getMessage());
            }
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
        }
    }
}
