//! A unified line diff for golden-file mismatches, so a failing comparison shows the lines
//! that changed with a little context instead of only "differs". No dependency: the common
//! first and last lines are set aside, and the rest is aligned by a longest common
//! subsequence (line by line when that middle is too large to align cheaply).

/// Lines of context around each change.
const CONTEXT: usize = 3;
/// Output lines shown at most; the rest are counted.
const MAX_LINES: usize = 80;
/// Above this many cells (middle lines of one side times the other's), lines are paired by
/// position instead of aligned.
const MAX_CELLS: usize = 4_000_000;

#[derive(Clone, Copy, PartialEq)]
enum Op {
    Same,
    Removed,
    Added,
}

/// The differences of `actual` from `expected` as unified-diff hunks (`-` expected, `+`
/// actual), empty when they are equal.
pub fn line_diff(expected: &str, actual: &str) -> String {
    if expected == actual {
        return String::new();
    }
    let old: Vec<&str> = expected.lines().collect();
    let new: Vec<&str> = actual.lines().collect();
    let head = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let tail = old[head..]
        .iter()
        .rev()
        .zip(new[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (mid_old, mid_new) = (&old[head..old.len() - tail], &new[head..new.len() - tail]);
    let mut ops: Vec<(Op, &str)> = old[..head].iter().map(|l| (Op::Same, *l)).collect();
    ops.extend(align(mid_old, mid_new));
    ops.extend(old[old.len() - tail..].iter().map(|l| (Op::Same, *l)));
    let mut out = render(&ops);
    if expected.ends_with('\n') != actual.ends_with('\n') {
        out.push_str("(the files differ in their final newline)\n");
    }
    out
}

/// A shortest edit between two line lists, by the longest common subsequence.
fn align<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<(Op, &'a str)> {
    let (n, m) = (old.len(), new.len());
    if n.saturating_mul(m) > MAX_CELLS {
        let mut ops = Vec::new();
        for i in 0..n.max(m) {
            match (old.get(i), new.get(i)) {
                (Some(a), Some(b)) if a == b => ops.push((Op::Same, *a)),
                (a, b) => {
                    ops.extend(a.map(|a| (Op::Removed, *a)));
                    ops.extend(b.map(|b| (Op::Added, *b)));
                }
            }
        }
        return ops;
    }
    // lcs[i][j]: the longest common subsequence of old[i..] and new[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut ops = Vec::with_capacity(n + m);
    while i < n || j < m {
        if i < n && j < m && old[i] == new[j] {
            ops.push((Op::Same, old[i]));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            // Removals before additions, as unified diffs show a changed line.
            ops.push((Op::Removed, old[i]));
            i += 1;
        } else {
            ops.push((Op::Added, new[j]));
            j += 1;
        }
    }
    ops
}

/// Hunks of changes with [`CONTEXT`] lines around them, at most [`MAX_LINES`] lines.
fn render(ops: &[(Op, &str)]) -> String {
    let changed: Vec<usize> = (0..ops.len()).filter(|&k| ops[k].0 != Op::Same).collect();
    let mut out = String::new();
    let mut shown = 0;
    let mut k = 0;
    while k < changed.len() {
        let start = changed[k].saturating_sub(CONTEXT);
        let mut end = (changed[k] + CONTEXT + 1).min(ops.len());
        while k + 1 < changed.len() && changed[k + 1] <= end + CONTEXT {
            k += 1;
            end = (changed[k] + CONTEXT + 1).min(ops.len());
        }
        k += 1;
        // Line numbers of the hunk's first line on each side (1-based).
        let before = |op: Op| ops[..start].iter().filter(|(o, _)| *o != op).count() + 1;
        let count = |op: Op| ops[start..end].iter().filter(|(o, _)| *o != op).count();
        out.push_str(&format!(
            "@@ -{},{} +{},{} @@\n",
            before(Op::Added),
            count(Op::Added),
            before(Op::Removed),
            count(Op::Removed)
        ));
        for (op, line) in &ops[start..end] {
            if shown == MAX_LINES {
                let rest = changed.len() - changed.partition_point(|c| *c < start);
                out.push_str(&format!("... ({rest} more changed lines not shown)\n"));
                return out;
            }
            let mark = match op {
                Op::Same => ' ',
                Op::Removed => '-',
                Op::Added => '+',
            };
            out.push_str(&format!("{mark}{line}\n"));
            shown += 1;
        }
    }
    out
}

#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::line_diff;

    #[test]
    fn equal_texts_have_no_diff() {
        assert_eq!(line_diff("a\nb\n", "a\nb\n"), "");
    }

    #[test]
    fn a_changed_line_shows_with_its_context_and_line_numbers() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        let new = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assert_eq!(
            line_diff(old, new),
            "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
        );
    }

    #[test]
    fn insertions_and_removals_are_aligned_not_paired_by_position() {
        let diff = line_diff("a\nb\nc\n", "a\nx\nb\nc\n");
        assert_eq!(diff, "@@ -1,3 +1,4 @@\n a\n+x\n b\n c\n");
        let diff = line_diff("a\nb\nc\n", "a\nc\n");
        assert_eq!(diff, "@@ -1,3 +1,2 @@\n a\n-b\n c\n");
    }

    #[test]
    fn a_missing_final_newline_is_named() {
        assert!(line_diff("a\n", "a").contains("final newline"));
    }
}
