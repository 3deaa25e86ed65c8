//! `streamEvents` (`GET /events`) and a small reader of its Server-Sent Events.

use std::time::Duration;

use reqwest::{Method, Response, StatusCode};
use serde_json::Value;

use super::Node;
use super::client::Answer;

/// One event of the stream.
#[derive(Debug, Clone, PartialEq)]
pub enum Sse {
    /// `event: change` with its `id` and JSON `data`.
    Change { id: String, data: Value },
    /// A comment line (`: keep-alive`).
    Comment(String),
}

/// An open event stream.
pub struct EventReader {
    response: Response,
    buffer: String,
}

/// What `streamEvents` answered: a stream, or an error answer.
pub enum Opened {
    Stream(EventReader),
    Refused(Answer),
}

impl Opened {
    /// The stream; panics on an error answer.
    pub fn stream(self) -> EventReader {
        match self {
            Opened::Stream(reader) => reader,
            Opened::Refused(answer) => panic!("no stream: {} {}", answer.status, answer.body),
        }
    }

    /// The error answer; panics on a stream.
    pub fn refused(self) -> Answer {
        match self {
            Opened::Refused(answer) => answer,
            Opened::Stream(_) => panic!("a stream opened"),
        }
    }
}

#[allow(dead_code)] // the whole surface, whether or not each test uses every method
impl Node {
    /// `streamEvents`, with an optional `Last-Event-ID` and query string.
    pub async fn stream_events(
        &self,
        token: &str,
        last_event_id: Option<&str>,
        query: &str,
    ) -> Opened {
        let path = if query.is_empty() {
            "/events".to_owned()
        } else {
            format!("/events?{query}")
        };
        let mut rb = self.api.request(Method::GET, &path, Some(token));
        if let Some(id) = last_event_id {
            rb = rb.header("last-event-id", id);
        }
        let response = rb.send().await.unwrap();
        if response.status() == StatusCode::OK {
            assert_eq!(
                response.headers()["content-type"],
                "text/event-stream",
                "the stream's content type"
            );
            Opened::Stream(EventReader {
                response,
                buffer: String::new(),
            })
        } else {
            Opened::Refused(Answer::read(response).await)
        }
    }
}

impl EventReader {
    /// The next event or comment; `None` when the server ended the stream. Panics if
    /// nothing arrives within `within`.
    pub async fn next(&mut self, within: Duration) -> Option<Sse> {
        tokio::time::timeout(within, self.next_inner())
            .await
            .unwrap_or_else(|_| panic!("nothing arrived on the event stream within {within:?}"))
    }

    /// The next `change` event, skipping comments.
    pub async fn next_change(&mut self, within: Duration) -> Option<(String, Value)> {
        tokio::time::timeout(within, async {
            loop {
                match self.next_inner().await? {
                    Sse::Change { id, data } => return Some((id, data)),
                    Sse::Comment(_) => {}
                }
            }
        })
        .await
        .unwrap_or_else(|_| panic!("no change arrived on the event stream within {within:?}"))
    }

    /// Waits for the stream to end; panics if it is still open after `within`. Comments and
    /// changes may come meanwhile: on PostgreSQL the account's own setup (its default list)
    /// can reach the stream late, when another transaction in the cluster held the feed's
    /// watermark back while the stream started (ADR 0026).
    pub async fn ended(&mut self, within: Duration) {
        tokio::time::timeout(within, async { while self.next_inner().await.is_some() {} })
            .await
            .unwrap_or_else(|_| panic!("the event stream was still open after {within:?}"));
    }

    async fn next_inner(&mut self) -> Option<Sse> {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                if let Some(event) = parse(&block) {
                    return Some(event);
                }
                continue;
            }
            match self.response.chunk().await {
                Ok(Some(bytes)) => self.buffer.push_str(std::str::from_utf8(&bytes).unwrap()),
                Ok(None) | Err(_) => return None,
            }
        }
    }
}

fn parse(block: &str) -> Option<Sse> {
    let (mut event, mut id, mut data, mut comment) = (None, None, String::new(), None);
    for line in block.lines() {
        if let Some(text) = line.strip_prefix(':') {
            comment = Some(text.trim().to_owned());
        } else if let Some((field, value)) = line.split_once(':') {
            let value = value.strip_prefix(' ').unwrap_or(value);
            match field {
                "event" => event = Some(value.to_owned()),
                "id" => id = Some(value.to_owned()),
                "data" => data.push_str(value),
                _ => {}
            }
        }
    }
    match (event.as_deref(), comment) {
        (Some("change"), _) => Some(Sse::Change {
            id: id.expect("a change event has an id"),
            data: serde_json::from_str(&data).expect("the data is JSON"),
        }),
        (None, Some(comment)) => Some(Sse::Comment(comment)),
        (other, _) => panic!("unexpected event block {other:?}: {block:?}"),
    }
}
