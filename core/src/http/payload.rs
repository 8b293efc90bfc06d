//! Alert payloads shaped for each webhook kind.
//!
//! `discord`, `slack` and `teams` take one common alert shape
//! (`text`, `title`, `url`, `severity`, `fields`) and build the body each
//! service expects; `generic` sends the caller's array as JSON, unchanged.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::error::HttpError;

/// Largest JSON body stored and sent, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Most `fields` of an alert.
pub const MAX_FIELDS: usize = 25;

/// Which service a webhook belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Discord channel webhook (`content` + an embed).
    Discord,
    /// Slack incoming webhook (`text` + blocks).
    Slack,
    /// Microsoft Teams workflow webhook (an Adaptive Card).
    Teams,
    /// Any JSON endpoint: the payload as given.
    #[default]
    Generic,
}

impl Kind {
    /// The lower-case name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Discord => "discord",
            Self::Slack => "slack",
            Self::Teams => "teams",
            Self::Generic => "generic",
        }
    }

    /// Parses the stored name.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "discord" => Some(Self::Discord),
            "slack" => Some(Self::Slack),
            "teams" => Some(Self::Teams),
            "generic" => Some(Self::Generic),
            _ => None,
        }
    }
}

/// Severity of an alert (the colour of the card).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blue.
    #[default]
    Info,
    /// Green.
    Success,
    /// Orange.
    Warning,
    /// Red.
    Critical,
}

impl Severity {
    fn rgb(self) -> u32 {
        match self {
            Self::Info => 0x3498db,
            Self::Success => 0x2ecc71,
            Self::Warning => 0xe67e22,
            Self::Critical => 0xe74c3c,
        }
    }
    fn teams_style(self) -> &'static str {
        match self {
            Self::Info => "accent",
            Self::Success => "good",
            Self::Warning => "warning",
            Self::Critical => "attention",
        }
    }
}

/// The common alert shape for discord, slack and teams.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Alert {
    /// The message (required).
    pub text: String,
    /// A title line.
    pub title: Option<String>,
    /// A link for the title.
    pub url: Option<String>,
    /// `info` (default), `success`, `warning` or `critical`.
    pub severity: Severity,
    /// Name => value facts shown under the text (at most 25).
    pub fields: Map<String, Value>,
}

/// Cuts `text` to `max` characters, ending with an ellipsis when cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn field_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Builds the JSON body to send for `kind` from the caller's payload.
pub fn shape(kind: Kind, payload: &Value) -> Result<Vec<u8>, HttpError> {
    let body = match kind {
        Kind::Generic => {
            if !payload.is_object() && !payload.is_array() {
                return Err(HttpError::invalid("payload", "must be an array"));
            }
            payload.clone()
        }
        _ => {
            let alert: Alert = serde_path_to_error::deserialize(payload.clone()).map_err(|e| {
                let path = e.path().to_string();
                let field = if path == "." { "payload".to_owned() } else { format!("payload.{path}") };
                HttpError::invalid(field, e.inner().to_string())
            })?;
            if alert.text.trim().is_empty() {
                return Err(HttpError::invalid("payload.text", "is required and must not be empty"));
            }
            if alert.fields.len() > MAX_FIELDS {
                return Err(HttpError::invalid("payload.fields", format!("has {} entries, at most {MAX_FIELDS}", alert.fields.len())));
            }
            if let Some(u) = &alert.url {
                super::url::check(u, "payload.url")?;
            }
            match kind {
                Kind::Discord => discord(&alert),
                Kind::Slack => slack(&alert),
                _ => teams(&alert),
            }
        }
    };
    let bytes = serde_json::to_vec(&body).map_err(|e| HttpError::invalid("payload", e.to_string()))?;
    if bytes.len() > MAX_BODY_BYTES {
        return Err(HttpError::invalid("payload", format!("is {} bytes as JSON, at most {MAX_BODY_BYTES}", bytes.len())));
    }
    Ok(bytes)
}

fn discord(a: &Alert) -> Value {
    let mut embed = Map::new();
    if let Some(t) = &a.title {
        embed.insert("title".into(), Value::String(cut(t, 256)));
    }
    if let Some(u) = &a.url {
        embed.insert("url".into(), Value::String(u.clone()));
    }
    embed.insert("color".into(), Value::from(a.severity.rgb()));
    if !a.fields.is_empty() {
        let fields: Vec<Value> = a
            .fields
            .iter()
            .map(|(k, v)| json!({"name": cut(k, 256), "value": cut(&field_text(v), 1024), "inline": true}))
            .collect();
        embed.insert("fields".into(), Value::Array(fields));
    }
    // No pings from an alert, whatever its text says.
    json!({"content": cut(&a.text, 2000), "embeds": [Value::Object(embed)], "allowed_mentions": {"parse": []}})
}

fn slack(a: &Alert) -> Value {
    let mut blocks = Vec::new();
    if let Some(t) = &a.title {
        blocks.push(json!({"type": "header", "text": {"type": "plain_text", "text": cut(t, 150)}}));
    }
    blocks.push(json!({"type": "section", "text": {"type": "mrkdwn", "text": cut(&a.text, 3000)}}));
    if !a.fields.is_empty() {
        let fields: Vec<Value> = a
            .fields
            .iter()
            .take(10)
            .map(|(k, v)| json!({"type": "mrkdwn", "text": cut(&format!("*{k}*\n{}", field_text(v)), 2000)}))
            .collect();
        blocks.push(json!({"type": "section", "fields": fields}));
    }
    if let Some(u) = &a.url {
        blocks.push(json!({"type": "context", "elements": [{"type": "mrkdwn", "text": format!("<{u}>")}]}));
    }
    let fallback = match &a.title {
        Some(t) => format!("{t}: {}", a.text),
        None => a.text.clone(),
    };
    json!({"text": cut(&fallback, 3000), "blocks": blocks})
}

fn teams(a: &Alert) -> Value {
    let mut body = Vec::new();
    if let Some(t) = &a.title {
        body.push(json!({"type": "TextBlock", "text": t, "weight": "Bolder", "size": "Medium", "wrap": true,
            "color": a.severity.teams_style()}));
    }
    body.push(json!({"type": "TextBlock", "text": a.text, "wrap": true}));
    if !a.fields.is_empty() {
        let facts: Vec<Value> = a.fields.iter().map(|(k, v)| json!({"title": k, "value": field_text(v)})).collect();
        body.push(json!({"type": "FactSet", "facts": facts}));
    }
    let mut card = json!({"$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard",
        "version": "1.4", "body": body});
    if let Some(u) = &a.url {
        card["actions"] = json!([{"type": "Action.OpenUrl", "title": "Open", "url": u}]);
    }
    json!({"type": "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": card}]})
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(kind: Kind, v: Value) -> Value {
        serde_json::from_slice(&shape(kind, &v).unwrap()).unwrap()
    }

    #[test]
    fn shapes_each_kind() {
        let alert = json!({"text": "Backup failed", "title": "Backup JLG", "severity": "critical", "fields": {"site": "a.example"}});
        let d = body(Kind::Discord, alert.clone());
        assert_eq!(d["content"], "Backup failed");
        assert_eq!(d["embeds"][0]["color"], 0xe74c3c);
        assert_eq!(d["allowed_mentions"]["parse"], json!([]));
        let s = body(Kind::Slack, alert.clone());
        assert_eq!(s["text"], "Backup JLG: Backup failed");
        assert_eq!(s["blocks"][0]["type"], "header");
        let t = body(Kind::Teams, alert);
        assert_eq!(t["attachments"][0]["content"]["type"], "AdaptiveCard");
        let g = body(Kind::Generic, json!({"anything": [1, 2]}));
        assert_eq!(g, json!({"anything": [1, 2]}));
    }

    #[test]
    fn refuses_typos_and_empty_text() {
        assert!(shape(Kind::Slack, &json!({"txt": "x"})).unwrap_err().to_string().contains("payload.txt"));
        assert!(shape(Kind::Discord, &json!({"text": " "})).is_err());
        assert!(shape(Kind::Discord, &json!({"text": "x", "severity": "loud"})).is_err());
    }

    #[test]
    fn discord_content_is_cut_on_characters() {
        let long = "é".repeat(2500);
        let d = body(Kind::Discord, json!({"text": long}));
        assert_eq!(d["content"].as_str().unwrap().chars().count(), 2000);
    }
}
