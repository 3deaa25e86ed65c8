//! Request rules the contract states that neither the generated code (its validator is
//! off, ADR 0003) nor serde enforces, read from `openapi.yaml` itself so they cannot
//! drift from it:
//!
//! - a query parameter is never empty (`?limit=`, `?cursor=`): the generated extractor
//!   would read it as absent; 400;
//! - string query and header parameters keep their `minLength`/`maxLength` (array items
//!   too), counted in characters as JSON Schema does; 400;
//! - a JSON body does not set a property that is not `nullable` to `null`: serde would
//!   read it as absent; 422;
//! - a JSON body of an object schema is a JSON object: serde reads an array as the struct's
//!   fields in order (`[null, null]` is a `ListUpdate` with both fields absent); 422.
//!
//! Everything else (types, enums, formats, the domain's rules) is checked where it was.

use std::collections::HashMap;

use axum::body::{Body, to_bytes};
use axum::extract::{MatchedPath, Request};
use axum::response::{IntoResponse, Response};
use http::header::CONTENT_TYPE;
use http::{HeaderMap, Method};
use serde_json::Value;

use super::edge::Next;
use super::problem::{ProblemKind, problem_response};
use crate::domain::ValidationErrors;
use crate::error::AppError;

/// The rules of one operation.
#[derive(Debug, Default)]
pub struct OperationRules {
    params: Vec<ParamRule>,
    /// Top-level properties of the JSON body that must not be `null`.
    non_nullable: Vec<String>,
    /// Whether the operation needs a bearer token (`security` not `[]`).
    secured: bool,
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
                let secured = match operation["security"].as_array() {
                    Some(requirements) => !requirements.is_empty(),
                    None => spec["security"].as_array().is_some_and(|r| !r.is_empty()),
                };
                rules.insert(
                    (method, route_shape(&format!("{base_path}{path}"))),
                    OperationRules {
                        params,
                        non_nullable,
                        secured,
                    },
                );
            }
        }
        ContractRules(rules)
    }

    fn get(&self, method: &Method, route: &str) -> Option<&OperationRules> {
        self.0.get(&(method.clone(), route_shape(route)))
    }

    /// Whether the contract has `method` on the route (as the router matched it, e.g.
    /// `/api/v1/todos/{todo_id}`) and that operation needs a bearer token; `None` if the
    /// contract has no such operation.
    pub fn secured(&self, method: &Method, route: &str) -> Option<bool> {
        self.get(method, route).map(|op| op.secured)
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

/// Top-level `null`s for properties that are not nullable: 422 naming each; JSON that is not
/// an object: 422 naming `body`.
fn check_nulls(rules: &OperationRules, body: &[u8]) -> ValidationErrors {
    let mut errors = ValidationErrors::new();
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(object)) => {
            for name in &rules.non_nullable {
                if object.get(name) == Some(&Value::Null) {
                    errors.add(name, "must not be null; leave the property out instead");
                }
            }
        }
        Ok(_) => errors.add("body", "must be a JSON object"),
        // Not JSON at all: left to the handler's own rejection (400).
        Err(_) => {}
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
    next: impl Next,
) -> Response {
    let Some(route) = request.extensions().get::<MatchedPath>() else {
        return next(request).await;
    };
    let Some(op) = rules.get(request.method(), route.as_str()) else {
        return next(request).await;
    };
    let errors = check_params(op, request.uri().query(), request.headers());
    if !errors.is_empty() {
        return AppError::BadParameter(errors).into_response();
    }
    if op.non_nullable.is_empty() || !is_json(request.headers()) {
        return next(request).await;
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
    next(Request::from_parts(parts, Body::from(bytes))).await
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
        // serde would read an array of the right length as the struct's fields.
        assert_eq!(fields(&check_nulls(op, b"[null, null]")), ["body"]);
        assert_eq!(fields(&check_nulls(op, b"1")), ["body"]);
        assert!(
            check_nulls(op, b"{bad json").is_empty(),
            "left to the handler"
        );
    }

    mod prop {
        use super::*;
        use crate::domain::validation::MAX_FIELD_ERRORS;
        use crate::prop_support::any_text;
        use http::HeaderValue;
        use proptest::collection::vec;
        use proptest::prelude::*;
        use std::sync::LazyLock;

        /// The rules of the real contract.
        static RULES: LazyLock<ContractRules> = LazyLock::new(|| {
            let spec: Value =
                serde_norway::from_str(include_str!("../../../openapi.yaml")).unwrap();
            ContractRules::from_spec(&spec, todo_api_gen::BASE_PATH)
        });

        fn operations() -> Vec<&'static OperationRules> {
            let mut ops: Vec<_> = RULES.0.iter().collect();
            ops.sort_by_key(|((m, r), _)| (r.clone(), m.to_string()));
            ops.into_iter().map(|(_, op)| op).collect()
        }

        /// Query strings: pairs of the contract's parameter names (and others) with any
        /// values, raw or percent-encoded, plus any text and long repeats.
        fn query() -> impl Strategy<Value = String> {
            let names = prop_oneof![
                Just("limit"),
                Just("cursor"),
                Just("tag"),
                Just("q"),
                Just("sort"),
                Just("completed"),
                Just("due_before"),
                Just("email"),
                Just("other"),
                Just(""),
            ];
            let pair = (names, any_text(), any::<bool>()).prop_map(|(n, v, encode)| {
                if encode {
                    form_urlencoded::Serializer::new(String::new())
                        .append_pair(n, &v)
                        .finish()
                } else {
                    format!("{n}={v}")
                }
            });
            prop_oneof![
                4 => vec(pair, 0..8).prop_map(|p| p.join("&")),
                1 => any_text(),
                1 => "[a-z=&%0-9A-F+;]{0,60}",
                1 => (0usize..3_000).prop_map(|n| "tag=&".repeat(n)),
            ]
        }

        /// What the rules say about the query and header values, counted independently.
        fn expected_errors(op: &OperationRules, query: &str, headers: &HeaderMap) -> usize {
            let bad = |rule: &ParamRule, v: &str| {
                let len = v.chars().count();
                rule.max.is_some_and(|max| len > max) || rule.min.is_some_and(|min| len < min)
            };
            let mut n = 0;
            for (name, value) in form_urlencoded::parse(query.as_bytes()) {
                if let Some(rule) = op.params.iter().find(|r| !r.in_header && r.name == name) {
                    n += usize::from(value.is_empty() || bad(rule, &value));
                }
            }
            for rule in op.params.iter().filter(|r| r.in_header) {
                for v in headers.get_all(rule.name.as_str()) {
                    n += usize::from(bad(rule, &String::from_utf8_lossy(v.as_bytes())));
                }
            }
            n.min(MAX_FIELD_ERRORS)
        }

        #[test]
        fn the_real_contract_has_rules_to_check() {
            let ops = operations();
            assert!(
                ops.iter()
                    .any(|op| op.params.iter().any(|r| !r.in_header && r.max.is_some()))
            );
            assert!(ops.iter().any(|op| op.params.iter().any(|r| r.in_header)));
            assert!(ops.iter().any(|op| !op.non_nullable.is_empty()));
        }

        proptest! {
            #[test]
            fn check_params_names_each_bad_parameter_and_stays_bounded(
                op in any::<proptest::sample::Index>(),
                query in query(),
                headers in vec((prop_oneof![Just("if-match"), Just("idempotency-key"), Just("x-other")], vec(any::<u8>(), 0..300)), 0..3),
            ) {
                let ops = operations();
                let op = ops[op.index(ops.len())];
                let mut map = HeaderMap::new();
                for (name, bytes) in &headers {
                    if let Ok(v) = HeaderValue::from_bytes(bytes) {
                        map.append(*name, v);
                    }
                }
                let errors = check_params(op, Some(&query), &map);
                prop_assert_eq!(errors.errors().len(), expected_errors(op, &query, &map));
                for e in errors.errors() {
                    prop_assert!(op.params.iter().any(|r| r.name == e.field), "{}", e.field);
                }
                // No query is the same as an empty one.
                prop_assert_eq!(check_params(op, None, &map), check_params(op, Some(""), &map));
            }

            #[test]
            fn check_nulls_never_panics_and_names_only_non_nullable_properties(
                op in any::<proptest::sample::Index>(),
                body in prop_oneof![
                    any_text(),
                    vec(("[a-z_]{1,10}", prop_oneof![Just("null"), Just("1"), Just("\"x\"")]), 0..6)
                        .prop_map(|kv| format!("{{{}}}", kv.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect::<Vec<_>>().join(","))),
                ],
            ) {
                let ops = operations();
                let op = ops[op.index(ops.len())];
                let errors = check_nulls(op, body.as_bytes());
                prop_assert!(errors.errors().len() <= op.non_nullable.len().clamp(1, MAX_FIELD_ERRORS));
                for e in errors.errors() {
                    prop_assert!(e.field == "body" || op.non_nullable.contains(&e.field), "{}", e.field);
                }
            }
        }
    }
}
