//! SitePulse's agent configuration, read the way the plugin reads its
//! `sitepulse_uptime_agents` option (`sitepulse_uptime_get_agents` and friends).

use serde_json::{Map, Value};

use crate::phpcompat::{self, is_numeric, sanitize_key_value, ucfirst};

/// One agent profile as SitePulse reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentProfile {
    /// Identifier.
    pub id: String,
    /// Display label.
    pub label: String,
    /// Sanitized region.
    pub region: String,
    /// Weight (>= 0).
    pub weight: f64,
    /// Whether the agent is active.
    pub active: bool,
}

/// The configured agents after `wp_parse_args` with SitePulse's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentConfig {
    /// (id, merged config) in option order.
    pub agents: Vec<(String, Map<String, Value>)>,
}

/// `sitepulse_uptime_normalize_agent_id`: sanitized key, `default` when empty.
#[must_use]
pub fn normalize_agent_id(raw: Option<&str>) -> String {
    match raw {
        Some(s) if !s.is_empty() => {
            let key = phpcompat::sanitize_key(s);
            if key.is_empty() { "default".to_owned() } else { key }
        }
        _ => "default".to_owned(),
    }
}

/// `(float) max(0.0, $weight)` with PHP 8's comparison rules.
fn max_zero_float(value: &Value) -> f64 {
    match value {
        Value::Number(_) => phpcompat::to_float(value).max(0.0),
        Value::String(s) if phpcompat::str_is_numeric(s) => phpcompat::str_to_float(s).max(0.0),
        // A non-numeric string is compared with "0" as a string.
        Value::String(s) => {
            if s.as_str() > "0" {
                phpcompat::str_to_float(s)
            } else {
                0.0
            }
        }
        Value::Bool(true) => 1.0,
        Value::Array(_) | Value::Object(_) => phpcompat::to_float(value),
        _ => 0.0,
    }
}

impl AgentConfig {
    /// Reads the option value (`null`, a non-array or an empty array mean "not set").
    #[must_use]
    pub fn from_option(option: &Value) -> Self {
        let raw: Vec<(String, Value)> = match option {
            Value::Object(map) if !map.is_empty() => map.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            Value::Array(list) if !list.is_empty() => list.iter().enumerate().map(|(i, v)| (i.to_string(), v.clone())).collect(),
            _ => vec![(
                "default".to_owned(),
                serde_json::json!({"label": "Agent principal", "region": "global", "active": true, "weight": 1.0}),
            )],
        };
        let agents = raw
            .into_iter()
            .map(|(id, data)| {
                let mut merged = Map::new();
                merged.insert("label".into(), Value::String(ucfirst(&id.replace('_', " "))));
                merged.insert("region".into(), Value::String("global".into()));
                merged.insert("active".into(), Value::Bool(true));
                merged.insert("weight".into(), serde_json::json!(1.0));
                if let Value::Object(fields) = &data {
                    for (k, v) in fields {
                        merged.insert(k.clone(), v.clone());
                    }
                }
                let region = sanitize_key_value(merged.get("region").unwrap_or(&Value::Null));
                merged.insert("region".into(), Value::String(region));
                let weight = max_zero_float(merged.get("weight").unwrap_or(&Value::Null));
                merged.insert("weight".into(), serde_json::json!(weight));
                (id, merged)
            })
            .collect();
        Self { agents }
    }

    /// The configured entry for an id, if any.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Map<String, Value>> {
        self.agents.iter().find(|(k, _)| k == id).map(|(_, v)| v)
    }

    /// `sitepulse_uptime_get_agent`: the configured agent or the default profile.
    #[must_use]
    pub fn resolve(&self, id: &str) -> Map<String, Value> {
        let normalized = normalize_agent_id(Some(id));
        self.get(&normalized).cloned().unwrap_or_else(|| {
            let mut m = Map::new();
            m.insert("label".into(), Value::String("Agent principal".into()));
            m.insert("region".into(), Value::String("global".into()));
            m.insert("active".into(), Value::Bool(true));
            m.insert("weight".into(), serde_json::json!(1.0));
            m
        })
    }

    /// `sitepulse_uptime_get_agent_weight`.
    #[must_use]
    pub fn weight_of(config: &Map<String, Value>) -> f64 {
        let w = match config.get("weight") {
            Some(v) if !v.is_null() && is_numeric(v) => phpcompat::to_float(v),
            _ => 1.0,
        };
        w.max(0.0)
    }

    /// `sitepulse_uptime_agent_is_active`.
    #[must_use]
    pub fn is_active(config: &Map<String, Value>) -> bool {
        match config.get("active") {
            None | Some(Value::Null) => true,
            Some(v) => phpcompat::truthy(v),
        }
    }

    /// The profile SitePulse's SLA report shows for an agent id.
    #[must_use]
    pub fn profile(&self, id: &str) -> AgentProfile {
        let config = self.get(id).cloned().unwrap_or_else(|| self.resolve(id));
        let label = match config.get("label") {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            _ => {
                if id == "default" {
                    "Agent principal".to_owned()
                } else {
                    id.to_owned()
                }
            }
        };
        let region = match config.get("region") {
            Some(v) if !v.is_null() => sanitize_key_value(v),
            _ => "global".to_owned(),
        };
        AgentProfile { id: id.to_owned(), label, region, weight: Self::weight_of(&config), active: Self::is_active(&config) }
    }
}
