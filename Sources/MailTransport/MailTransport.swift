// Placeholder until the MailTransport module lands.
