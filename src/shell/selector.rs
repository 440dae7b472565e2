//! Label selectors as `kubectl -l` reads them (staging/src/k8s.io/apimachinery/pkg/labels/selector.go
//! `Parse`): requirements joined by commas, each `key`, `!key`, `key=value`, `key==value`,
//! `key!=value`, `key in (a,b)` or `key notin (a,b)`; all must hold.

use std::collections::BTreeMap;

use crate::api::Str;

/// One requirement of a selector.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Requirement {
    Exists(String),
    DoesNotExist(String),
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
}

/// A parsed selector; the empty selector matches everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selector(Vec<Requirement>);

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Ident(String),
    Comma,
    Open,
    Close,
    Eq,
    DoubleEq,
    NotEq,
    Bang,
    In,
    NotIn,
}

impl Token {
    fn text(&self) -> &str {
        match self {
            Token::Ident(s) => s,
            Token::Comma => ",",
            Token::Open => "(",
            Token::Close => ")",
            Token::Eq => "=",
            Token::DoubleEq => "==",
            Token::NotEq => "!=",
            Token::Bang => "!",
            Token::In => "in",
            Token::NotIn => "notin",
        }
    }
}

fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        i += 1;
        match (c, next) {
            (' ' | '\t', _) => {}
            (',', _) => out.push(Token::Comma),
            ('(', _) => out.push(Token::Open),
            (')', _) => out.push(Token::Close),
            ('=', Some('=')) => {
                i += 1;
                out.push(Token::DoubleEq)
            }
            ('=', _) => out.push(Token::Eq),
            ('!', Some('=')) => {
                i += 1;
                out.push(Token::NotEq)
            }
            ('!', _) => out.push(Token::Bang),
            _ => {
                let mut word = c.to_string();
                while let Some(&c) = chars.get(i) {
                    if " \t,()=!".contains(c) {
                        break;
                    }
                    word.push(c);
                    i += 1;
                }
                out.push(match word.as_str() {
                    "in" => Token::In,
                    "notin" => Token::NotIn,
                    _ => Token::Ident(word),
                })
            }
        }
    }
    out
}

impl Selector {
    /// Parses `text`; the error is apimachinery's `unable to parse requirement: …` or
    /// `found '…', expected: …`.
    pub fn parse(text: &str) -> Result<Selector, String> {
        let toks = tokens(text);
        let mut at = 0;
        let mut reqs = Vec::new();
        let found =
            |t: Option<&Token>| t.map_or("end of string".to_string(), |t| t.text().to_string());
        while at < toks.len() {
            let negated = toks[at] == Token::Bang;
            if negated {
                at += 1;
            }
            let key = match toks.get(at) {
                Some(Token::Ident(k)) => k.clone(),
                t => {
                    return Err(format!(
                        "unable to parse requirement: found '{}', expected: identifier",
                        found(t)
                    ))
                }
            };
            at += 1;
            if negated {
                reqs.push(Requirement::DoesNotExist(key));
            } else {
                match toks.get(at) {
                    None | Some(Token::Comma) => reqs.push(Requirement::Exists(key)),
                    Some(Token::Eq | Token::DoubleEq | Token::NotEq) => {
                        let op = toks[at].clone();
                        at += 1;
                        let value = match toks.get(at) {
                            Some(Token::Ident(v)) => {
                                at += 1;
                                v.clone()
                            }
                            _ => String::new(),
                        };
                        reqs.push(if op == Token::NotEq {
                            Requirement::NotIn(key, vec![value])
                        } else {
                            Requirement::In(key, vec![value])
                        });
                    }
                    Some(Token::In | Token::NotIn) => {
                        let not = toks[at] == Token::NotIn;
                        at += 1;
                        if toks.get(at) != Some(&Token::Open) {
                            return Err(format!(
                                "unable to parse requirement: found '{}' expected: '('",
                                found(toks.get(at))
                            ));
                        }
                        at += 1;
                        let mut values = Vec::new();
                        loop {
                            match toks.get(at) {
                                Some(Token::Ident(v)) => values.push(v.clone()),
                                Some(Token::Comma) => {}
                                Some(Token::Close) => break,
                                t => {
                                    return Err(format!(
                                        "unable to parse requirement: found '{}', expected: ',', ')' or identifier",
                                        found(t)
                                    ))
                                }
                            }
                            at += 1;
                        }
                        at += 1;
                        reqs.push(if not {
                            Requirement::NotIn(key, values)
                        } else {
                            Requirement::In(key, values)
                        });
                    }
                    t => {
                        return Err(format!(
                            "unable to parse requirement: found '{}', expected: in, notin, =, ==, !=, gt, lt",
                            found(t)
                        ))
                    }
                }
            }
            match toks.get(at) {
                None => break,
                Some(Token::Comma) => {
                    at += 1;
                    if at == toks.len() {
                        return Err("found '', expected: identifier after ','".into());
                    }
                }
                Some(t) => {
                    return Err(format!(
                        "found '{}', expected: ',' or 'end of string'",
                        t.text()
                    ))
                }
            }
        }
        Ok(Selector(reqs))
    }

    /// Whether `labels` satisfy every requirement.
    pub fn matches(&self, labels: &BTreeMap<Str, Str>) -> bool {
        let get = |k: &str| {
            labels
                .iter()
                .find(|(key, _)| key.as_str() == k)
                .map(|(_, v)| v.as_str())
        };
        self.0.iter().all(|r| match r {
            Requirement::Exists(k) => get(k).is_some(),
            Requirement::DoesNotExist(k) => get(k).is_none(),
            Requirement::In(k, vs) => get(k).is_some_and(|v| vs.iter().any(|x| x == v)),
            Requirement::NotIn(k, vs) => get(k).is_none_or(|v| vs.iter().all(|x| x != v)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<Str, Str> {
        pairs
            .iter()
            .map(|(k, v)| (Str::copy(k), Str::copy(v)))
            .collect()
    }

    #[test]
    fn every_requirement_form_matches_as_kubernetes_does() {
        let l = labels(&[("app", "web"), ("tier", "back")]);
        let yes = [
            "",
            "app=web",
            "app==web",
            "app!=db",
            "app in (web,db)",
            "app notin (db)",
            "tier",
            "!missing",
            "app=web, tier in (back)",
            "missing!=x",
        ];
        let no = [
            "app=db",
            "app in (db)",
            "app notin (web)",
            "missing",
            "!app",
            "app=web,tier=front",
        ];
        for s in yes {
            assert!(Selector::parse(s).unwrap().matches(&l), "{s}");
        }
        for s in no {
            assert!(!Selector::parse(s).unwrap().matches(&l), "{s}");
        }
    }

    #[test]
    fn malformed_selectors_say_what_was_found() {
        let got: Vec<String> = ["app=web,", "app in web", "=x", "app web", "app in (a"]
            .iter()
            .map(|s| Selector::parse(s).unwrap_err())
            .collect();
        expect_test::expect![[r#"
            [
                "found '', expected: identifier after ','",
                "unable to parse requirement: found 'web' expected: '('",
                "unable to parse requirement: found '=', expected: identifier",
                "unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt",
                "unable to parse requirement: found 'end of string', expected: ',', ')' or identifier",
            ]
        "#]]
        .assert_debug_eq(&got);
    }
}
