package org.ganxun.notify;

/** Sends one SMS. Implementations must treat {@code messageId} as idempotent: the same id is delivered once. */
public interface SmsGateway {

    void send(String messageId, String phone, String body) throws SmsException;

    class SmsException extends Exception {
        public SmsException(String message, Throwable cause) {
            super(message, cause);
        }

        public SmsException(String message) {
            super(message);
        }
    }
}
