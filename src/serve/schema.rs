//! The API's response modes, read from its published schema: a record in
//! normal mode is its detailed record cut to what the normal serializer's
//! component (`SpacecraftNormal`, and the components it refers to) names,
//! each object saying the mode of its own component (`response_mode`'s
//! default: `normal`, `list` for a mini one), as the API's own answers do.

use serde_json::{Map, Value};
use std::sync::LazyLock;

/// The components of the published 2.3.0 schema for the endpoints hangar
/// reads (`tests/schema/`, trimmed from the API's OpenAPI document).
static COMPONENTS: LazyLock<Map<String, Value>> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../tests/schema/ll2-2.3.0-components.json"))
        .expect("the bundled schema is JSON")
});

/// The normal serializer's component of a spacecraft in a list.
pub const SPACECRAFT_NORMAL: &str = "SpacecraftNormal";
/// The normal serializer's component of a spacecraft flight in a list.
pub const FLIGHT_NORMAL: &str = "SpacecraftFlightNormal";
/// The component of `/spacecraft/{id}/`.
pub const SPACECRAFT_ENDPOINT: &str = "SpacecraftEndpointDetailed";

/// `value` cut to the properties of `component`, recursively.
pub fn project(value: &Value, component: &str) -> Value {
    match COMPONENTS.get(component) {
        Some(schema) => node(value, schema),
        None => value.clone(),
    }
}

/// What a `$ref` or a one-item `allOf` (the schema's way to say nullable) stands for.
fn resolve(mut schema: &Value) -> &Value {
    loop {
        if let Some(name) = schema["$ref"].as_str() {
            match COMPONENTS.get(name.rsplit('/').next().unwrap_or(name)) {
                Some(target) => schema = target,
                None => return schema,
            }
        } else if let Some(first) = schema["allOf"].get(0) {
            schema = first;
        } else {
            return schema;
        }
    }
}

fn node(value: &Value, schema: &Value) -> Value {
    let schema = resolve(schema);
    match value {
        Value::Object(object) => {
            let Some(properties) = schema["properties"].as_object() else {
                return value.clone();
            };
            let mut out: Map<String, Value> = object
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), node(v, properties.get(k)?))))
                .collect();
            if let Some(mode) = properties
                .get("response_mode")
                .and_then(|p| p.get("default"))
            {
                out.insert("response_mode".into(), mode.clone());
            }
            Value::Object(out)
        }
        Value::Array(items) if schema.get("items").is_some() => {
            Value::Array(items.iter().map(|v| node(v, &schema["items"])).collect())
        }
        _ => value.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn normal_mode_keeps_what_the_normal_components_name() {
        let detailed = json!({
            "id": 1, "name": "X", "response_mode": "detailed", "extra": 1,
            "spacecraft_config": {"id": 2, "response_mode": "detailed", "capability": "c",
                "agency": {"id": 3, "name": "A", "response_mode": "detailed", "founding_year": 1}},
            "image": null,
        });
        let normal = project(&detailed, SPACECRAFT_NORMAL);
        assert_eq!(
            normal,
            json!({
                "id": 1, "name": "X", "response_mode": "normal",
                "spacecraft_config": {"id": 2, "response_mode": "normal",
                    "agency": {"id": 3, "name": "A", "response_mode": "list"}},
                "image": null,
            })
        );
    }
}
