//! W3C Trace Context (<https://www.w3.org/TR/trace-context/>): the trace id of a request's
//! `traceparent` header, put on the request's log span so that its log lines can be joined
//! with the caller's trace. Nothing is propagated further (the service calls no other
//! service over HTTP).

use http::HeaderMap;

/// The trace id (32 lowercase hex digits) of the request's `traceparent` header, or `None`
/// when the header is absent, repeated or malformed (which the standard says to ignore):
/// `VERSION-TRACEID-PARENTID-FLAGS`, lowercase hex of 2, 32, 16 and 2 digits, neither id
/// all zeros, version `ff` invalid. Version `00` has exactly those four parts; a later
/// version may append `-…` parts, which are not read.
pub fn trace_id(headers: &HeaderMap) -> Option<&str> {
    let mut values = headers.get_all("traceparent").iter();
    let (Some(value), None) = (values.next(), values.next()) else {
        return None;
    };
    parse(value.to_str().ok()?)
}

fn parse(header: &str) -> Option<&str> {
    const LEN: usize = 2 + 1 + 32 + 1 + 16 + 1 + 2;
    let b = header.as_bytes();
    if !header.is_ascii() || b.len() < LEN || [2, 35, 52].iter().any(|&i| b[i] != b'-') {
        return None;
    }
    let version = &header[0..2];
    let trace_id = &header[3..35];
    let parent_id = &header[36..52];
    let flags = &header[53..55];
    let valid = [version, trace_id, parent_id, flags]
        .iter()
        .all(|p| is_hex(p))
        && version != "ff"
        && (b.len() == LEN || (version != "00" && b[LEN] == b'-'))
        && !is_zero(trace_id)
        && !is_zero(parent_id);
    valid.then_some(trace_id)
}

fn is_hex(s: &str) -> bool {
    s.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'))
}

fn is_zero(s: &str) -> bool {
    s.bytes().all(|c| c == b'0')
}

#[cfg(test)]
mod tests {
    use http::HeaderValue;

    use super::*;

    const VALID: &str = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    fn headers(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for v in values {
            headers.append("traceparent", HeaderValue::from_str(v).unwrap());
        }
        headers
    }

    #[test]
    fn the_trace_id_of_a_valid_header() {
        assert_eq!(
            trace_id(&headers(&[VALID])),
            Some("4bf92f3577b34da6a3ce929d0e0e4736")
        );
        // Unsampled, and a later version with a further part.
        let unsampled = VALID.replace("-01", "-00");
        assert!(trace_id(&headers(&[&unsampled])).is_some());
        let later = format!("01{}-what-comes-next", &VALID[2..]);
        assert_eq!(
            trace_id(&headers(&[&later])),
            Some("4bf92f3577b34da6a3ce929d0e0e4736")
        );
    }

    #[test]
    fn malformed_absent_or_repeated_headers_are_ignored() {
        let malformed = [
            "",
            "00",
            "garbage",
            &VALID[..54],                                              // short
            &format!("{VALID}-01"),                                    // version 00 with more
            &VALID.to_uppercase(),                                     // upper-case hex
            &VALID.replacen("00-", "ff-", 1),                          // version ff
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // zero trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // zero parent id
            "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01", // not hex
            "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01", // separators
            &format!("01{}x", &VALID[2..]),                            // later version, no dash
        ];
        for value in malformed {
            assert_eq!(trace_id(&headers(&[value])), None, "{value:?}");
        }
        assert_eq!(trace_id(&HeaderMap::new()), None);
        assert_eq!(trace_id(&headers(&[VALID, VALID])), None);
    }
}
