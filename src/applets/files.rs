//! `ls`, `mkdir`, `touch`, `rm`, `cp`, `mv`, `basename`, `dirname` on the host's files.

use super::{options, Call};

pub fn run(c: &mut Call) {
    match c.name {
        "ls" => ls(c),
        "mkdir" => mkdir(c),
        "touch" => touch(c),
        "rm" => rm(c),
        "cp" | "mv" => copy(c),
        "basename" => {
            let Some(path) = c.args.first() else {
                c.fail("missing operand", 1);
                return;
            };
            let trimmed = path.trim_end_matches('/');
            let mut base = trimmed.rsplit('/').next().unwrap_or("").to_string();
            if base.is_empty() {
                base = if path.is_empty() {
                    String::new()
                } else {
                    "/".into()
                };
            }
            if let Some(suffix) = c.args.get(1).filter(|s| base.len() > s.len()) {
                if let Some(b) = base.strip_suffix(suffix.as_str()) {
                    base = b.to_string();
                }
            }
            c.line(&base);
        }
        _ => {
            let Some(path) = c.args.first() else {
                c.fail("missing operand", 1);
                return;
            };
            let trimmed = path.trim_end_matches('/');
            let dir = match trimmed.rfind('/') {
                Some(0) => "/".to_string(),
                Some(i) => trimmed[..i].trim_end_matches('/').to_string(),
                None if path.starts_with('/') => "/".into(),
                None => ".".into(),
            };
            c.line(&dir);
        }
    }
}

/// `ls [-1aA] [PATH…]`, one name a line as ls writes when its output is not a terminal.
fn ls(c: &mut Call) {
    let (opts, mut paths) = options(c.args, "");
    let mut all = false;
    for (o, _) in opts {
        match o {
            'a' | 'A' => all = true,
            '1' => {}
            _ => {
                c.note("with that option");
                return;
            }
        }
    }
    if paths.is_empty() {
        paths.push(".".into());
    }
    let many = paths.len() > 1;
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for p in &paths {
        let abs = c.path(p);
        if c.host.fs().is_dir(&abs) {
            dirs.push((p.clone(), abs));
        } else if c.host.fs().is_file(&abs) {
            files.push(p.clone());
        } else {
            let mut m = p.clone();
            m.push_str(": No such file or directory");
            c.fail(&m, 1);
        }
    }
    crate::sort::sort_by(&mut files, |a, b| a.cmp(b));
    for f in &files {
        c.line(f);
    }
    for (k, (name, abs)) in dirs.iter().enumerate() {
        if many {
            if k > 0 || !files.is_empty() {
                c.print("\n");
            }
            c.print(name);
            c.print(":\n");
        }
        let names = c.host.fs().list(abs).unwrap_or_default();
        for n in names.iter().filter(|n| all || !n.starts_with('.')) {
            c.line(n);
        }
    }
}

fn fail_on(c: &mut Call, name: &str, e: crate::sh::fs::Errno, prefix: &str) {
    let m = crate::sh::cat(&[
        prefix,
        name,
        if prefix.is_empty() { ": " } else { "': " },
        e.text(),
    ]);
    c.fail(&m, 1);
}

fn mkdir(c: &mut Call) {
    let (opts, paths) = options(c.args, "m");
    let parents = opts.iter().any(|(o, _)| *o == 'p');
    for p in paths {
        let abs = c.path(&p);
        if let Err(e) = c.host.fs().mkdir(&abs, parents) {
            fail_on(c, &p, e, "can't create directory '");
        }
    }
}

fn touch(c: &mut Call) {
    let (_, paths) = options(c.args, "dtr");
    for p in paths {
        let abs = c.path(&p);
        if c.host.fs().exists(&abs) {
            continue;
        }
        if let Err(e) = c.host.fs().write(&abs, "", true) {
            fail_on(c, &p, e, "");
        }
    }
}

fn rm(c: &mut Call) {
    let (opts, paths) = options(c.args, "");
    let force = opts.iter().any(|(o, _)| *o == 'f');
    let recursive = opts.iter().any(|(o, _)| matches!(o, 'r' | 'R'));
    for p in paths {
        let abs = c.path(&p);
        match c.host.fs().remove(&abs, recursive) {
            Ok(()) => {}
            Err(crate::sh::fs::Errno::NotFound) if force => {}
            Err(crate::sh::fs::Errno::IsDir) => {
                let m = crate::sh::cat(&["'", &p, "' is a directory"]);
                c.fail(&m, 1);
            }
            Err(e) => fail_on(c, &p, e, "can't remove '"),
        }
    }
}

/// `cp SRC… DEST` and `mv SRC… DEST`, for files (`-r` copies directories).
fn copy(c: &mut Call) {
    let (opts, mut paths) = options(c.args, "");
    let recursive = opts.iter().any(|(o, _)| matches!(o, 'r' | 'R' | 'a'));
    let Some(dest) = paths.pop().filter(|_| !paths.is_empty()) else {
        c.fail("missing file operand", 1);
        return;
    };
    let dest_abs = c.path(&dest);
    let into_dir = c.host.fs().is_dir(&dest_abs);
    for src in paths {
        let src_abs = c.path(&src);
        let target = if into_dir {
            let mut t = dest_abs.clone();
            t.push('/');
            t.push_str(src_abs.rsplit('/').next().unwrap_or(""));
            t
        } else {
            dest_abs.clone()
        };
        let fs = c.host.fs();
        let result = if fs.is_dir(&src_abs) {
            if !recursive && c.name == "cp" {
                let mut m = String::from("omitting directory '");
                m.push_str(&src);
                m.push('\'');
                c.fail(&m, 1);
                continue;
            }
            let entries: Vec<(String, Option<String>)> = fs
                .under(&src_abs)
                .map(|(p, t)| (p.to_string(), t.map(str::to_string)))
                .collect();
            let mut r = fs.mkdir(&target, true);
            for (p, text) in entries {
                let mut to = target.clone();
                to.push_str(&p[src_abs.len()..]);
                r = r.and_then(|()| match text {
                    Some(t) => fs.write(&to, &t, false),
                    None => fs.mkdir(&to, true),
                });
            }
            r
        } else {
            match fs.read(&src_abs).map(str::to_string) {
                Ok(text) => fs.write(&target, &text, false),
                Err(e) => Err(e),
            }
        };
        let result = result.and_then(|()| {
            if c.name == "mv" {
                c.host.fs().remove(&src_abs, true)
            } else {
                Ok(())
            }
        });
        if let Err(e) = result {
            fail_on(c, &src, e, "");
        }
    }
}
