package org.ganxun.notify;

import org.ganxun.platform.security.Phones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** The default gateway: writes each message to the log (no SMS provider configured). */
@Component
@ConditionalOnProperty(name = "ganxun.sms.gateway", havingValue = "logging", matchIfMissing = true)
class LoggingSmsGateway implements SmsGateway {

    private static final Logger log = LoggerFactory.getLogger(LoggingSmsGateway.class);

    @Override
    public void send(String messageId, String phone, String body) {
        log.info("SMS {} to {}: {}", messageId, Phones.mask(phone), body);
    }
}
