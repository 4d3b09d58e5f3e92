//! The published schema's components as JSON Schema, for checking answers.

use serde_json::{Map, Value};
use std::sync::OnceLock;

fn components() -> &'static Map<String, Value> {
    static COMPONENTS: OnceLock<Map<String, Value>> = OnceLock::new();
    COMPONENTS.get_or_init(|| {
        serde_json::from_str(include_str!("../schema/ll2-2.3.0-components.json"))
            .expect("the trimmed schema is JSON")
    })
}

/// The published schema, as JSON Schema: OpenAPI 3.0's `nullable: true`
/// becomes a `null` the value may also be.
fn json_schema(node: &Value) -> Value {
    match node {
        Value::Array(items) => Value::Array(items.iter().map(json_schema).collect()),
        Value::Object(map) => {
            let mut out: Map<String, Value> = map
                .iter()
                .filter(|(k, _)| k.as_str() != "nullable")
                .map(|(k, v)| (k.clone(), json_schema(v)))
                .collect();
            if map.get("nullable") != Some(&Value::Bool(true)) {
                return Value::Object(out);
            }
            if let Some(Value::Array(values)) = out.get_mut("enum") {
                values.push(Value::Null);
            }
            match out.get("type").cloned() {
                Some(Value::String(t)) => {
                    out.insert("type".into(), serde_json::json!([t, "null"]));
                    Value::Object(out)
                }
                _ => serde_json::json!({"anyOf": [out, {"type": "null"}]}),
            }
        }
        other => other.clone(),
    }
}

/// A validator for one component of the schema.
pub fn validator(name: &str) -> jsonschema::Validator {
    let components = json_schema(&Value::Object(components().clone()));
    let root = serde_json::json!({
        "allOf": [{"$ref": format!("#/components/schemas/{name}")}],
        "components": {"schemas": components},
    });
    jsonschema::validator_for(&root).expect("the schema compiles")
}
