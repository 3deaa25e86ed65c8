//! Outgoing mail: over SMTP when `SMTP_URL` is configured, otherwise written to the log
//! (for development; a reset link in a log is as good as the account, so the body is
//! logged only with LOG_SECRETS_FOR_DEVELOPMENT).

use async_trait::async_trait;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Mail sent or not, counted in `todo_api_mail_deliveries_total` by `result`: `sent` and
/// `failed` over SMTP, `not_sent` without SMTP_URL.
#[async_trait]
pub trait Mailer: Send + Sync {
    async fn send(&self, mail: Mail) -> anyhow::Result<()>;
}

/// Every value of the `result` label of `todo_api_mail_deliveries_total`.
pub const DELIVERY_RESULTS: [&str; 3] = ["sent", "failed", "not_sent"];

/// Sends over SMTP: `smtp://host:port` (plain, or STARTTLS with `?tls=required`),
/// `smtps://user:pass@host:465` (TLS), as lettre parses it.
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpMailer {
    pub fn new(url: &str, from: &str) -> anyhow::Result<SmtpMailer> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| anyhow::anyhow!("SMTP_URL: {e}"))?
            .build();
        let from = from
            .parse()
            .map_err(|e| anyhow::anyhow!("SMTP_FROM: {e}"))?;
        Ok(SmtpMailer { transport, from })
    }
}

#[async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, mail: Mail) -> anyhow::Result<()> {
        let result = self.deliver(mail).await;
        let label = if result.is_ok() { "sent" } else { "failed" };
        metrics::counter!("todo_api_mail_deliveries_total", "result" => label).increment(1);
        result
    }
}

impl SmtpMailer {
    async fn deliver(&self, mail: Mail) -> anyhow::Result<()> {
        let message = Message::builder()
            .from(self.from.clone())
            .to(mail.to.parse()?)
            .subject(mail.subject)
            .body(mail.body)?;
        self.transport.send(message).await?;
        Ok(())
    }
}

/// Does not send mail: logs that a mail was dropped, and its body (which may hold a
/// password-reset link, as good as the account) only when `log_secrets` is set, which
/// only a developer should do.
pub struct LogMailer {
    pub log_secrets: bool,
}

#[async_trait]
impl Mailer for LogMailer {
    async fn send(&self, mail: Mail) -> anyhow::Result<()> {
        metrics::counter!("todo_api_mail_deliveries_total", "result" => "not_sent").increment(1);
        if self.log_secrets {
            tracing::warn!(to = %mail.to, subject = %mail.subject, body = %mail.body,
                "SMTP_URL is not set: mail logged, not sent (LOG_SECRETS_FOR_DEVELOPMENT)");
        } else {
            tracing::warn!(to = %mail.to, subject = %mail.subject,
                "SMTP_URL is not set: mail not sent (its body is not logged)");
        }
        Ok(())
    }
}
