// Tests for MailTransport live here.
