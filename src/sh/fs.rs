//! The files a script sees: an in-memory tree of directories and text files by absolute path,
//! with read-only subtrees (a pod's configMap, secret and downwardAPI volumes are mounted
//! read-only). `/dev/null` reads empty and swallows writes.

use crate::sorted_map::SortedMap;

/// A file-system error, worded as the C library words its `errno`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Errno {
    NotFound,
    IsDir,
    NotDir,
    Exists,
    ReadOnly,
    NotEmpty,
}

impl Errno {
    pub fn text(self) -> &'static str {
        match self {
            Errno::NotFound => "No such file or directory",
            Errno::IsDir => "Is a directory",
            Errno::NotDir => "Not a directory",
            Errno::Exists => "File exists",
            Errno::ReadOnly => "Read-only file system",
            Errno::NotEmpty => "Directory not empty",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Node {
    Dir,
    File(String),
}

/// A file tree.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fs {
    nodes: SortedMap<Node>,
    read_only: Vec<String>,
}

/// The directories a busybox image has, there without being stored (a container that
/// touches no file allocates nothing for them).
const IMAGE_DIRS: [&str; 11] = [
    "/", "/bin", "/dev", "/etc", "/home", "/proc", "/root", "/sys", "/tmp", "/usr", "/var",
];

/// `path` made absolute against `cwd`, with `.`, `..` and repeated slashes resolved.
pub fn absolute(cwd: &str, path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let joined = if path.starts_with('/') {
        [path, ""]
    } else {
        [cwd, path]
    };
    for piece in joined.iter().flat_map(|p| p.split('/')) {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut out = String::new();
    for p in parts {
        out.push('/');
        out.push_str(p);
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) => "/",
        Some(i) => &path[..i],
        None => "/",
    }
}

impl Fs {
    /// Makes everything at and under `path` read-only.
    pub fn set_read_only(&mut self, path: &str) {
        self.read_only.push(path.to_string());
    }

    fn writable(&self, path: &str) -> Result<(), Errno> {
        let under = |root: &String| {
            path == root
                || path
                    .strip_prefix(root.as_str())
                    .is_some_and(|r| r.starts_with('/'))
        };
        if self.read_only.iter().any(under) {
            Err(Errno::ReadOnly)
        } else {
            Ok(())
        }
    }

    pub fn is_dir(&self, path: &str) -> bool {
        matches!(self.nodes.get(path), Some(Node::Dir)) || IMAGE_DIRS.contains(&path)
    }

    pub fn is_file(&self, path: &str) -> bool {
        path == "/dev/null" || matches!(self.nodes.get(path), Some(Node::File(_)))
    }

    pub fn exists(&self, path: &str) -> bool {
        self.is_file(path) || self.is_dir(path)
    }

    pub fn read(&self, path: &str) -> Result<&str, Errno> {
        match self.nodes.get(path) {
            _ if path == "/dev/null" => Ok(""),
            Some(Node::File(t)) => Ok(t),
            Some(Node::Dir) => Err(Errno::IsDir),
            None => Err(self.missing(path)),
        }
    }

    /// Why `path` is not there: its parent is missing, or is a file.
    fn missing(&self, path: &str) -> Errno {
        match self.nodes.get(parent(path)) {
            Some(Node::File(_)) => Errno::NotDir,
            _ => Errno::NotFound,
        }
    }

    /// Writes `text` to the file at `path`, creating it, after what it held if `append`.
    pub fn write(&mut self, path: &str, text: &str, append: bool) -> Result<(), Errno> {
        if path == "/dev/null" {
            return Ok(());
        }
        match self.nodes.get(path) {
            Some(Node::Dir) => return Err(Errno::IsDir),
            Some(Node::File(_)) => {
                self.writable(path)?;
                if let Some(Node::File(t)) = self.nodes.get_mut(path) {
                    if !append {
                        t.clear();
                    }
                    t.push_str(text);
                }
                return Ok(());
            }
            None => {}
        }
        if !self.is_dir(parent(path)) {
            return Err(self.missing(path));
        }
        self.writable(path)?;
        self.nodes
            .insert(path.to_string(), Node::File(text.to_string()));
        Ok(())
    }

    /// `mkdir`, with `-p`'s parents.
    pub fn mkdir(&mut self, path: &str, parents: bool) -> Result<(), Errno> {
        if self.exists(path) {
            return if parents && self.is_dir(path) {
                Ok(())
            } else {
                Err(Errno::Exists)
            };
        }
        let up = parent(path);
        if !self.is_dir(up) {
            if !parents || self.exists(up) {
                return Err(self.missing(path));
            }
            self.mkdir(up, true)?;
        }
        self.writable(path)?;
        self.nodes.insert(path.to_string(), Node::Dir);
        Ok(())
    }

    /// Creates the directory and its parents as they are needed to mount something there.
    pub fn mount_dir(&mut self, path: &str) {
        let mut at = String::new();
        for piece in path.split('/').filter(|p| !p.is_empty()) {
            at.push('/');
            at.push_str(piece);
            self.nodes.get_or_insert_with(&at, || Node::Dir);
        }
    }

    /// Puts a file in place regardless of read-only mounts (a volume's content).
    pub fn put(&mut self, path: &str, text: &str) {
        self.mount_dir(parent(path));
        self.nodes
            .insert(path.to_string(), Node::File(text.to_string()));
    }

    /// `rm`, with `-r` for directories.
    pub fn remove(&mut self, path: &str, recursive: bool) -> Result<(), Errno> {
        if !self.exists(path) {
            return Err(self.missing(path));
        }
        self.writable(path)?;
        if self.is_dir(path) {
            if !recursive {
                return Err(Errno::IsDir);
            }
            let under: Vec<String> = self.under(path).map(|(p, _)| p.to_string()).collect();
            for p in under {
                self.nodes.remove(&p);
            }
        }
        self.nodes.remove(path);
        Ok(())
    }

    /// Names in the directory at `path`, sorted.
    pub fn list(&self, path: &str) -> Result<Vec<String>, Errno> {
        if !self.is_dir(path) {
            return if self.is_file(path) {
                Err(Errno::NotDir)
            } else {
                Err(self.missing(path))
            };
        }
        let mut names = Vec::new();
        if path == "/" {
            names.extend(IMAGE_DIRS[1..].iter().map(|d| d[1..].to_string()));
        }
        for (p, _) in self.under(path) {
            let rest = if path == "/" {
                &p[1..]
            } else {
                &p[path.len() + 1..]
            };
            if !rest.contains('/') && !names.iter().any(|n| n == rest) {
                names.push(rest.to_string());
            }
        }
        crate::sort::sort_by(&mut names, |a, b| a.cmp(b));
        Ok(names)
    }

    /// Everything below `dir` (not itself): paths and, for files, their text.
    pub fn under(&self, dir: &str) -> impl Iterator<Item = (&str, Option<&str>)> {
        let mut start = dir.to_string();
        if !start.ends_with('/') {
            start.push('/');
        }
        self.nodes
            .iter_from(&start)
            .take_while(move |(p, _)| p.starts_with(start.as_str()))
            .filter(|(p, _)| p.as_str() != "/")
            .map(|(p, n)| {
                let text = match n {
                    Node::File(t) => Some(t.as_str()),
                    Node::Dir => None,
                };
                (p.as_str(), text)
            })
    }
}
