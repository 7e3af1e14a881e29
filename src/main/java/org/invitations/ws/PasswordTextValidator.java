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
 * password cannot be checked against a salted hash, so only PasswordText is accepted; that is why
 * docs/security.md asks for TLS outside a trusted network. On success the {@link Caller} becomes the principal;
 * on failure the caller learns only that the login failed (the server log says why). Wrong passwords
 * are throttled by the client's address (see {@link org.invitations.security.LoginThrottle}).
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
            if (data.getMsgContext() instanceof Message message) {
                message.getExchange().put(FaultRewriteInterceptor.SECURITY_PROBLEM, "Authentication failed: the"
                        + " password must be sent as PasswordText (only salted hashes are stored, so a"
                        + " PasswordDigest cannot be checked); use TLS to protect it");
            }
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
        }
        try {
            jakarta.servlet.http.HttpServletRequest http = data.getMsgContext() instanceof Message message
                    ? (jakarta.servlet.http.HttpServletRequest) message.get(
                            org.apache.cxf.transport.http.AbstractHTTPDestination.HTTP_REQUEST) : null;
            credential.setPrincipal(authenticator.authenticate(token.getName(), token.getPassword(),
                    http == null ? null : http.getRemoteAddr(), http == null ? null : http.getHeader("X-Forwarded-For")));
            return credential;
        } catch (AuthenticationFailed e) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
        } catch (RuntimeException e) {
            // Not the caller's fault (the database, say): reported as an internal error, not a failed login.
            if (data.getMsgContext() instanceof Message message) {
                message.getExchange().put(FaultRewriteInterceptor.INTERNAL, e);
            }
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILURE, e);
        }
    }
}
