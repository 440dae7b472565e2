//! kubectl's flags as cobra and pflag read them (github.com/spf13/pflag `flag.go`
//! `parseLongArg`, `parseShortArg`): `--name=value`, `--name value`, `-x value`, `-xvalue`,
//! `-abc` for boolean shorthands, `--` ending the flags, and flags anywhere among the
//! arguments. Errors are pflag's, followed by kubectl's `See 'kubectl get --help' for usage.`
//! (staging/src/k8s.io/kubectl/pkg/util/templates/templater.go, `SetFlagErrorFunc`).

use std::collections::BTreeMap;

/// One flag a command accepts.
#[derive(Clone, Copy, Debug)]
pub struct Flag {
    pub long: &'static str,
    pub short: Option<char>,
    /// Takes a value (`-l app=x`); else it is boolean (`--all`, `--all=false`).
    pub value: bool,
    /// The value of a value flag given without one (pflag's `NoOptDefVal`: a bare `--cascade`
    /// is `--cascade=background`); without it the next argument is the value.
    pub no_opt: Option<&'static str>,
}

pub const fn value(long: &'static str, short: Option<char>) -> Flag {
    Flag {
        long,
        short,
        value: true,
        no_opt: None,
    }
}

/// A value flag that may be given bare, meaning `no_opt`.
pub const fn value_or(long: &'static str, no_opt: &'static str) -> Flag {
    Flag {
        long,
        short: None,
        value: true,
        no_opt: Some(no_opt),
    }
}

pub const fn boolean(long: &'static str, short: Option<char>) -> Flag {
    Flag {
        long,
        short,
        value: false,
        no_opt: None,
    }
}

/// kubectl's global flags, accepted by every command: the namespace is read, the others are
/// about reaching a cluster and change nothing here.
pub const GLOBAL: &[Flag] = &[
    value("namespace", Some('n')),
    value("context", None),
    value("kubeconfig", None),
    value("cluster", None),
    value("user", None),
    value("server", Some('s')),
    value("request-timeout", None),
    value("v", Some('v')),
    boolean("insecure-skip-tls-verify", None),
];

/// A command line after flag parsing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Values by long name, in the order given (a boolean's value is `true` or `false`).
    pub flags: BTreeMap<&'static str, Vec<String>>,
    /// The arguments that are not flags.
    pub args: Vec<String>,
    /// The arguments after `--`.
    pub after_dash: Vec<String>,
}

impl Parsed {
    /// The last value of a flag.
    pub fn get(&self, long: &str) -> Option<&str> {
        self.flags
            .get(long)
            .and_then(|v| v.last())
            .map(String::as_str)
    }
    /// Every value of a repeatable flag (`-f a -f b`).
    pub fn all(&self, long: &str) -> &[String] {
        self.flags.get(long).map_or(&[], Vec::as_slice)
    }
    /// A boolean flag: given (and not `=false`).
    pub fn is(&self, long: &str) -> bool {
        self.get(long).is_some_and(|v| v != "false")
    }
}

/// Reads `args` against `flags` (and the global flags) for the command `path` (`kubectl get`).
pub fn parse(args: &[String], flags: &[Flag], path: &str) -> Result<Parsed, String> {
    let usage = |e: String| format!("{e}\nSee '{path} --help' for usage.");
    let find_long = |name: &str| flags.iter().chain(GLOBAL).find(|f| f.long == name).copied();
    let find_short = |c: char| {
        flags
            .iter()
            .chain(GLOBAL)
            .find(|f| f.short == Some(c))
            .copied()
    };
    let mut parsed = Parsed::default();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--" {
            parsed.after_dash = args[i..].to_vec();
            break;
        }
        if let Some(long) = a.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let Some(flag) = find_long(name) else {
                return Err(usage(format!("unknown flag: --{name}")));
            };
            let v = match (flag.value, inline) {
                (_, Some(v)) => v,
                (false, None) => "true".into(),
                (true, None) if flag.no_opt.is_some() => flag.no_opt.unwrap_or_default().into(),
                (true, None) => match args.get(i) {
                    Some(v) => {
                        i += 1;
                        v.clone()
                    }
                    None => return Err(usage(format!("flag needs an argument: --{name}"))),
                },
            };
            if !flag.value && v != "true" && v != "false" {
                return Err(usage(format!(
                    "invalid argument \"{v}\" for \"--{name}\" flag: strconv.ParseBool: parsing \"{v}\": invalid syntax"
                )));
            }
            parsed.flags.entry(flag.long).or_default().push(v);
        } else if a.len() > 1 && a.starts_with('-') {
            let shorts: Vec<char> = a[1..].chars().collect();
            let mut k = 0;
            while k < shorts.len() {
                let c = shorts[k];
                let Some(flag) = find_short(c) else {
                    return Err(usage(format!("unknown shorthand flag: '{c}' in {a}")));
                };
                if flag.value {
                    let rest: String = shorts[k + 1..].iter().collect();
                    let v = if let Some(v) = rest.strip_prefix('=') {
                        v.to_string()
                    } else if !rest.is_empty() {
                        rest
                    } else if let Some(v) = args.get(i) {
                        i += 1;
                        v.clone()
                    } else {
                        return Err(usage(format!("flag needs an argument: '{c}' in -{c}")));
                    };
                    parsed.flags.entry(flag.long).or_default().push(v);
                    break;
                }
                parsed
                    .flags
                    .entry(flag.long)
                    .or_default()
                    .push("true".into());
                k += 1;
            }
        } else {
            parsed.args.push(a.clone());
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FLAGS: &[Flag] = &[
        value("selector", Some('l')),
        value("output", Some('o')),
        boolean("watch", Some('w')),
        boolean("all", None),
    ];

    fn read(line: &str) -> String {
        let args: Vec<String> = line.split(' ').map(str::to_string).collect();
        match parse(&args, FLAGS, "kubectl get") {
            Ok(p) => format!("{:?} {:?} {:?}", p.flags, p.args, p.after_dash),
            Err(e) => e,
        }
    }

    #[test]
    fn every_spelling_of_a_flag_reads_the_same() {
        expect_test::expect![[r#"{"output": ["name", "yaml", "wide"], "selector": ["a=b", "c=d", "e=f"], "watch": ["true"]} ["jobs", "pi"] []"#]]
            .assert_eq(&read("jobs -l a=b --selector=c=d -oname --output yaml -wle=f pi -o=wide"));
    }

    #[test]
    fn unknown_and_incomplete_flags_are_pflags_errors() {
        expect_test::expect![[r#"
            unknown flag: --bogus
            See 'kubectl get --help' for usage.
            unknown shorthand flag: 'x' in -x
            See 'kubectl get --help' for usage.
            flag needs an argument: 'l' in -l
            See 'kubectl get --help' for usage.
            flag needs an argument: --output
            See 'kubectl get --help' for usage.
            invalid argument "yes" for "--all" flag: strconv.ParseBool: parsing "yes": invalid syntax
            See 'kubectl get --help' for usage."#]]
        .assert_eq(
            &["jobs --bogus", "-x", "jobs -l", "--output", "--all=yes"]
                .map(read)
                .join("\n"),
        );
    }
}
