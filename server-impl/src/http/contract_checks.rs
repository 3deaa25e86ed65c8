//! Request rules the contract states that neither the generated code (its validator is
//! off, ADR 0003) nor serde enforces, read from `openapi.yaml` itself so they cannot
//! drift from it:
//!
//! - a query parameter is never empty (`?limit=`, `?cursor=`): the generated extractor
//!   would read it as absent; 400;
//! - string query and header parameters keep their `minLength`/`maxLength` (array items
//!   too), counted in characters as JSON Schema does; 400;
//! - a JSON body does not set a property that is not `nullable` to `null`: serde would
//!   read it as absent; 422.
//!
//! Everything else (types, enums, formats, the domain's rules) is checked where it was.

use std::collections::HashMap;

use axum::body::{Body, to_bytes};
use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::CONTENT_TYPE;
use http::{HeaderMap, Method};
use serde_json::Value;

use super::problem::{ProblemKind, problem_response};
use crate::domain::ValidationErrors;
use crate::error::AppError;

/// The rules of one operation.
#[derive(Debug, Default)]
pub struct OperationRules {
    params: Vec<ParamRule>,
    /// Top-level properties of the JSON body that must not be `null`.
    non_nullable: Vec<String>,
}

#[derive(Debug)]
struct ParamRule {
    name: String,
    in_header: bool,
    min: Option<usize>,
    max: Option<usize>,
}

/// Rules per (method, route shape, e.g. `/api/v1/todos/{}`).
#[derive(Debug, Default)]
pub struct ContractRules(HashMap<(Method, String), OperationRules>);

impl ContractRules {
    /// Reads the rules from the contract (as JSON), with `base_path` prefixed to its paths.
    pub fn from_spec(spec: &Value, base_path: &str) -> ContractRules {
        let mut rules = HashMap::new();
        let Some(paths) = spec["paths"].as_object() else {
            return ContractRules(rules);
        };
        for (path, item) in paths {
            let shared = item["parameters"].as_array().cloned().unwrap_or_default();
            for (method, operation) in item.as_object().into_iter().flatten() {
                let method = match method.as_str() {
                    "get" => Method::GET,
                    "put" => Method::PUT,
                    "post" => Method::POST,
                    "delete" => Method::DELETE,
                    "patch" => Method::PATCH,
                    _ => continue, // `parameters`, `summary`, and methods the API does not use
                };
                let params = shared
                    .iter()
                    .chain(operation["parameters"].as_array().into_iter().flatten())
                    .filter_map(|p| param_rule(resolve(spec, p)))
                    .collect();
                let body = resolve(
                    spec,
                    &operation["requestBody"]["content"]["application/json"]["schema"],
                );
                let non_nullable = body["properties"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .filter(|(_, schema)| schema["nullable"] != Value::Bool(true))
                    .map(|(name, _)| name.clone())
                    .collect();
                rules.insert(
                    (method, route_shape(&format!("{base_path}{path}"))),
                    OperationRules {
                        params,
                        non_nullable,
                    },
                );
            }
        }
        ContractRules(rules)
    }

    fn get(&self, method: &Method, route: &str) -> Option<&OperationRules> {
        self.0.get(&(method.clone(), route_shape(route)))
    }
}

/// A route with its parameter names blanked (`/todos/{}`): the generated router names
/// them in snake case (`{todo_id}`), the contract in camel case (`{todoId}`).
fn route_shape(route: &str) -> String {
    let mut shape = String::with_capacity(route.len());
    let mut in_param = false;
    for c in route.chars() {
        match c {
            '{' => {
                in_param = true;
                shape.push('{');
            }
            '}' => {
                in_param = false;
                shape.push('}');
            }
            _ if in_param => {}
            _ => shape.push(c),
        }
    }
    shape
}

/// Follows a local `$ref` (one level is all the contract uses for these).
fn resolve<'a>(spec: &'a Value, value: &'a Value) -> &'a Value {
    match value["$ref"].as_str().and_then(|r| r.strip_prefix('#')) {
        Some(pointer) => spec.pointer(pointer).unwrap_or(&Value::Null),
        None => value,
    }
}

fn param_rule(param: &Value) -> Option<ParamRule> {
    let in_header = match param["in"].as_str()? {
        "query" => false,
        "header" => true,
        _ => return None,
    };
    let schema = &param["schema"];
    let strings = if schema["type"] == "array" {
        &schema["items"]
    } else {
        schema
    };
    let length = |key: &str| strings[key].as_u64().map(|n| n as usize);
    Some(ParamRule {
        name: param["name"].as_str()?.to_owned(),
        in_header,
        min: length("minLength"),
        max: length("maxLength"),
    })
}

fn check_length(errors: &mut ValidationErrors, rule: &ParamRule, value: &str) {
    let len = value.chars().count();
    if let Some(max) = rule.max
        && len > max
    {
        errors.add(&rule.name, format!("must be at most {max} characters"));
    } else if let Some(min) = rule.min
        && len < min
    {
        errors.add(&rule.name, format!("must be at least {min} characters"));
    }
}

/// Query and header parameters: 400 naming each bad one.
fn check_params(
    rules: &OperationRules,
    query: Option<&str>,
    headers: &HeaderMap,
) -> ValidationErrors {
    let mut errors = ValidationErrors::new();
    for (name, value) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
        let Some(rule) = rules.params.iter().find(|r| !r.in_header && r.name == name) else {
            continue; // unknown parameters are ignored
        };
        if value.is_empty() {
            errors.add(
                &rule.name,
                "must not be empty; leave the parameter out instead",
            );
        } else {
            check_length(&mut errors, rule, &value);
        }
    }
    for rule in rules.params.iter().filter(|r| r.in_header) {
        for value in headers.get_all(rule.name.as_str()) {
            check_length(
                &mut errors,
                rule,
                &String::from_utf8_lossy(value.as_bytes()),
            );
        }
    }
    errors
}

/// Top-level `null`s for properties that are not nullable: 422 naming each.
fn check_nulls(rules: &OperationRules, body: &[u8]) -> ValidationErrors {
    let mut errors = ValidationErrors::new();
    // Anything that is not a JSON object is left to the handler's own rejection.
    if let Ok(Value::Object(object)) = serde_json::from_slice::<Value>(body) {
        for name in &rules.non_nullable {
            if object.get(name) == Some(&Value::Null) {
                errors.add(name, "must not be null; leave the property out instead");
            }
        }
    }
    errors
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/json"))
}

pub async fn contract_checks(
    rules: &ContractRules,
    max_body_bytes: usize,
    request: Request,
    next: Next,
) -> Response {
    let Some(route) = request.extensions().get::<MatchedPath>() else {
        return next.run(request).await;
    };
    let Some(op) = rules.get(request.method(), route.as_str()) else {
        return next.run(request).await;
    };
    let errors = check_params(op, request.uri().query(), request.headers());
    if !errors.is_empty() {
        return AppError::BadParameter(errors).into_response();
    }
    if op.non_nullable.is_empty() || !is_json(request.headers()) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, max_body_bytes).await else {
        return problem_response(
            ProblemKind::PayloadTooLarge,
            "The request body is too large.",
            None,
        );
    };
    let errors = check_nulls(op, &bytes);
    if !errors.is_empty() {
        return AppError::Validation(errors).into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> Value {
        serde_json::json!({
            "paths": {
                "/items/{id}": {
                    "parameters": [{"$ref": "#/components/parameters/Tag"}],
                    "patch": {
                        "parameters": [
                            {"name": "If-Match", "in": "header", "schema": {"type": "string", "maxLength": 5}},
                            {"name": "id", "in": "path", "schema": {"type": "string"}}
                        ],
                        "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Patch"}}}}
                    }
                }
            },
            "components": {
                "parameters": {"Tag": {"name": "tag", "in": "query", "schema": {"type": "array", "items": {"type": "string", "minLength": 2, "maxLength": 3}}}},
                "schemas": {"Patch": {"properties": {
                    "title": {"type": "string"},
                    "notes": {"type": "string", "nullable": true}
                }}}
            }
        })
    }

    fn fields(errors: &ValidationErrors) -> Vec<&str> {
        errors.errors().iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn reads_parameters_and_non_nullable_properties_from_the_contract() {
        let rules = ContractRules::from_spec(&spec(), "/api");
        let op = rules.get(&Method::PATCH, "/api/items/{item_id}").unwrap();
        assert_eq!(op.non_nullable, ["title"]);
        assert_eq!(op.params.len(), 2, "path parameters are not checked here");
        assert!(rules.get(&Method::GET, "/api/items/{id}").is_none());
    }

    #[test]
    fn empty_or_out_of_range_parameters_are_named() {
        let rules = ContractRules::from_spec(&spec(), "");
        let op = rules.get(&Method::PATCH, "/items/{id}").unwrap();
        let mut headers = HeaderMap::new();
        assert!(check_params(op, Some("tag=abc&tag=éé&other="), &headers).is_empty());
        assert_eq!(fields(&check_params(op, Some("tag="), &headers)), ["tag"]);
        assert_eq!(
            fields(&check_params(op, Some("tag=a&tag=abcd"), &headers)),
            ["tag", "tag"]
        );
        headers.insert("if-match", "\"v123\"".parse().unwrap());
        assert_eq!(fields(&check_params(op, None, &headers)), ["If-Match"]);
    }

    #[test]
    fn null_is_refused_only_where_the_contract_does_not_allow_it() {
        let rules = ContractRules::from_spec(&spec(), "");
        let op = rules.get(&Method::PATCH, "/items/{id}").unwrap();
        assert_eq!(
            fields(&check_nulls(op, br#"{"title":null,"notes":null}"#)),
            ["title"]
        );
        assert!(check_nulls(op, br#"{"title":"x","notes":null}"#).is_empty());
        assert!(check_nulls(op, b"[null]").is_empty(), "left to the handler");
        assert!(
            check_nulls(op, b"{bad json").is_empty(),
            "left to the handler"
        );
    }
}
