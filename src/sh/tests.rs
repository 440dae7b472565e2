//! The shell and its applets through one `check`: a script in, a transcript out (what it
//! wrote, its status, the time it slept, the notes it left, the files it left behind).

use expect_test::{expect, Expect};

use super::{run, Fs, Host, Output};
use crate::sim::rng::SimRng;
use crate::time::{SimDuration, SimTime};

struct TestHost {
    start: SimTime,
    slept: SimDuration,
    fs: Fs,
    rng: SimRng,
    notes: Vec<String>,
}

impl Host for TestHost {
    fn now(&self) -> SimTime {
        self.start.saturating_add(self.slept)
    }
    fn sleep(&mut self, d: SimDuration) {
        self.slept = SimDuration::from_millis(self.slept.as_millis() + d.as_millis());
    }
    fn fs(&mut self) -> &mut Fs {
        &mut self.fs
    }
    fn random(&mut self) -> u32 {
        self.rng.below(32_768) as u32
    }
    fn hostname(&self) -> &str {
        "indexed-job-2-x7k2p"
    }
    fn note(&mut self, note: String) {
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }
    fn run(
        &mut self,
        argv: &[String],
        stdin: &str,
        env: &[(String, String)],
        cwd: &str,
    ) -> Option<Output> {
        crate::applets::run(self, argv, stdin, env, cwd)
    }
}

fn transcript(shell: &str, script: &str, setup: impl FnOnce(&mut Fs)) -> String {
    let mut host = TestHost {
        start: SimTime::parse_rfc3339("2026-12-06T12:26:01Z").unwrap(),
        slept: SimDuration::ZERO,
        fs: Fs::default(),
        rng: SimRng::new(1),
        notes: Vec::new(),
    };
    setup(&mut host.fs);
    let env = [
        ("JOB_COMPLETION_INDEX".to_string(), "3".to_string()),
        ("HOME".to_string(), "/root".to_string()),
    ];
    let ran = run(&mut host, shell, script, &[], &env);
    let mut out = ran.log;
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str("⏎\n");
    }
    out.push_str("-- status ");
    out.push_str(&ran.status.to_string());
    if host.slept != SimDuration::ZERO {
        out.push_str(", slept ");
        out.push_str(&host.slept.human());
    }
    out.push('\n');
    for n in &host.notes {
        out.push_str("note: ");
        out.push_str(n);
        out.push('\n');
    }
    out
}

fn check(script: &str, expect: Expect) {
    expect.assert_eq(&transcript("sh", script, |_| {}));
}

fn check_bash(script: &str, expect: Expect) {
    expect.assert_eq(&transcript("bash", script, |_| {}));
}

#[test]
fn sleeps_echoes_and_exits() {
    check(
        "echo \"Hello from index $JOB_COMPLETION_INDEX\" && sleep 5; exit 42",
        expect![[r#"
            Hello from index 3
            -- status 42, slept 5s
        "#]],
    );
}

#[test]
fn loops_arithmetic_and_conditions() {
    check(
        "for i in $(seq 1 3); do echo $((i * 10)); sleep 1; done\nif [ $JOB_COMPLETION_INDEX -eq 3 ]; then exit 7; else exit 0; fi",
        expect![[r#"
            10
            20
            30
            -- status 7, slept 3s
        "#]],
    );
    check(
        "n=0; while [ $n -lt 3 ]; do n=$((n+1)); done; until [ $n -eq 0 ]; do n=$((n-1)); [ $n -eq 1 ] && break; done; echo $n",
        expect![[r#"
            1
            -- status 0
        "#]],
    );
    check(
        "for i in 1 2 3 4; do [ $i = 2 ] && continue; echo $i; done; if false; then :; elif [ -z \"\" ]; then echo elif; else echo else; fi",
        expect![[r#"
            1
            3
            4
            elif
            -- status 0
        "#]],
    );
}

#[test]
fn arithmetic_has_the_shells_operators() {
    check(
        r#"echo $((1 + 2 * 3)) $(( (1+2)*3 )) $((7 / 2 + 7 % 2)) $((2 ** 10)) $((010 + 0x10)) $((-3 + +4)) $((!0 + !7))
x=5; echo $((x += 2)) $((x++)) $x $((--x)) $((x > 3 ? 100 : 200)) $((1 << 4 | 1)) $((~0)) $((0 && 1/0))"#,
        expect![[r#"
            7 9 4 1024 24 1 1
            7 7 8 7 100 17 -1 0
            -- status 0
        "#]],
    );
    check(
        "echo before; echo $((5 / 0)); echo after",
        expect![[r#"
            before
            sh: 5 / 0: divide by zero
            -- status 2
        "#]],
    );
}

#[test]
fn random_is_seeded() {
    check(
        "echo $RANDOM $RANDOM; exit $((RANDOM % 30 == 0))",
        expect![[r#"
            3424 24342
            -- status 0
        "#]],
    );
}

#[test]
fn parameter_expansions() {
    check(
        r#"echo ${UNSET:-x} ${JOB_COMPLETION_INDEX:-9} ${#JOB_COMPLETION_INDEX}
E=; echo "[${E:-colon}] [${E-plain}]"; echo ${N:=5} $N ${N:+set} [${UNSET:+set}]
f=/data/input/file.tar.gz
echo ${f%.*} ${f%%.*} ${f#*/} ${f##*/} ${f/a/A} ${f//a/A} ${f:1:4} ${f: -6} ${f^^}
echo "${UNSET:?is required}"; echo never"#,
        expect![[r#"
            x 3 1
            [colon] []
            5 5 set []
            /data/input/file.tar /data/input/file data/input/file.tar.gz file.tar.gz /dAta/input/file.tar.gz /dAtA/input/file.tAr.gz data tar.gz /DATA/INPUT/FILE.TAR.GZ
            sh: UNSET: is required
            -- status 2
        "#]],
    );
}

#[test]
fn bash_arrays_and_double_brackets() {
    check_bash(
        r#"items=(foo bar baz qux xyz)
echo ${items[$JOB_COMPLETION_INDEX]} ${#items[@]} "${items[@]:1:2}"
items+=(new); items[0]=FOO; for i in "${items[@]}"; do printf '%s,' "$i"; done; echo
[[ $JOB_COMPLETION_INDEX == [0-9] && -n "x" ]] && echo digit
[[ abc =~ ^a(b)c$ ]] && echo matched
for i in {1..3}; do echo -n "$i "; done; echo"#,
        expect![[r#"
            qux 5 bar baz
            FOO,bar,baz,qux,xyz,new,
            digit
            matched
            1 2 3 
            -- status 0
        "#]],
    );
}

#[test]
fn command_substitution_pipes_and_redirections() {
    check(
        r#"echo "Starting at $(date)"; date; hostname
POD_ID=$(hostname | cut -d'-' -f4-); echo "Worker $POD_ID"
echo "Processing complete" > /tmp/result.txt; echo more >> /tmp/result.txt; cat /tmp/result.txt
wc -l < /tmp/result.txt; echo `echo back` quotes
echo to-null >/dev/null; ls /nothing 2>&1 | tr a-z A-Z; ls /nothing 2>/dev/null || echo "status $?"
cat <<END
index $JOB_COMPLETION_INDEX
END
cat <<'END'
no $expansion
END"#,
        expect![[r#"
            Starting at Sun Dec  6 12:26:01 UTC 2026
            Sun Dec  6 12:26:01 UTC 2026
            indexed-job-2-x7k2p
            Worker x7k2p
            Processing complete
            more
            2
            back quotes
            LS: /NOTHING: NO SUCH FILE OR DIRECTORY
            status 1
            index 3
            no $expansion
            -- status 0
        "#]],
    );
}

#[test]
fn the_clock_moves_with_sleeps() {
    check(
        "date +%H:%M:%S; sleep 90; date '+%Y-%m-%dT%H:%M:%SZ %s'",
        expect![[r#"
        12:26:01
        2026-12-06T12:27:31Z 1796560051
        -- status 0, slept 1m30s
    "#]],
    );
}

#[test]
fn functions_case_and_set_e() {
    check(
        r#"greet() { local who=$1; echo "hi $who"; return 3; }
greet there; echo "returned $?"
case "$JOB_COMPLETION_INDEX" in 0|1) echo low;; [2-4]) echo mid;; *) echo high;; esac
set -e; false || echo handled; if false; then echo no; fi; echo end; false; echo never"#,
        expect![[r#"
            hi there
            returned 3
            mid
            handled
            end
            -- status 1
        "#]],
    );
}

#[test]
fn the_text_applets() {
    check(
        r#"printf 'b 2\na 10\nc 1\na 10\n' > /tmp/t
sort /tmp/t | uniq -c; sort -k2 -n /tmp/t | head -n 2; tail -1 /tmp/t; rev /tmp/t | head -1
grep -c a /tmp/t; grep -n '^[bc]' /tmp/t; grep -v a /tmp/t | wc -l
echo hello world | sed 's/o/0/g'; echo 'a.b.c' | sed -E 's/([a-z])\.([a-z])/\2-\1/'
printf '%5s|%-4d|%03d|%x\n' hi 7 5 255; expr 6 \* 7; expr length hello; echo a b c | tr -d ' '
env | grep JOB; mkdir -p /out/a && touch /out/a/f && ls /out /out/a; rm -r /out; ls /out"#,
        expect![[r#"
                  2 a 10
                  1 b 2
                  1 c 1
            c 1
            b 2
            a 10
            2 b
            2
            1:b 2
            3:c 1
            2
            hell0 w0rld
            b-a.c
               hi|7   |005|ff
            42
            5
            abc
            JOB_COMPLETION_INDEX=3
            /out:
            a

            /out/a:
            f
            ls: /out: No such file or directory
            -- status 1
        "#]],
    );
}

#[test]
fn reading_lines_and_here_strings() {
    check_bash(
        r#"printf 'one\ntwo\n' > /tmp/l; while read -r line; do echo "[$line]"; done < /tmp/l
read a b <<< "x y z"; echo "$a|$b"; echo "a,b" | { IFS=, read p q; echo $q; }"#,
        expect![[r#"
            [one]
            [two]
            x|y z
            b
            -- status 0
        "#]],
    );
}

#[test]
fn what_is_not_simulated_is_noted() {
    check(
        "curl -s http://example.com; echo after; sleep 10 & echo bg",
        expect![[r#"
        after
        bg
        -- status 0, slept 10s
        note: "curl" is not simulated; jobplay took it as succeeding with no output (line 1)
        note: a command run in the background (&) ran to its end before the next one: jobplay runs one process at a time
    "#]],
    );
    check(
        "echo one\nif then fi\necho never",
        expect![[r#"
        one
        sh: line 2: syntax error: unexpected "then"
        -- status 2
        note: jobplay's shell stopped reading the script at line 2 (syntax error: unexpected "then"); it ran what came before and exited 2, as sh does at a syntax error
    "#]],
    );
    check(
        "while true; do :; done",
        expect![[r#"
        -- status 0
        note: the script ran more than 10000 commands; jobplay stopped reading it there
    "#]],
    );
}

#[test]
fn perl_computes_pi() {
    check(
        "perl -Mbignum=bpi -wle 'print bpi(50)'",
        expect![[r#"
        3.1415926535897932384626433832795028841971693993751
        -- status 0
        note: perl's computing time is not simulated: the container runs for the default time
    "#]],
    );
}

#[test]
fn the_guides_pod_to_pod_script_reads_and_notes_ping() {
    check_bash(
        r#"for i in 0 1 2
do
  gotStatus="-1"
  wantStatus="0"
  while [ $gotStatus -ne $wantStatus ]
  do
    ping -c 1 example-job-${i}.headless-svc > /dev/null 2>&1
    gotStatus=$?
    if [ $gotStatus -ne $wantStatus ]; then
      echo "Failed to ping pod example-job-${i}.headless-svc, retrying in 1 second..."
      sleep 1
    fi
  done
  echo "Successfully pinged pod: example-job-${i}.headless-svc"
done"#,
        expect![[r#"
            Successfully pinged pod: example-job-0.headless-svc
            Successfully pinged pod: example-job-1.headless-svc
            Successfully pinged pod: example-job-2.headless-svc
            -- status 0
            note: "ping" is not simulated; jobplay took it as succeeding with no output (line 7)
        "#]],
    );
}

#[test]
fn hostile_scripts_end_with_a_message_not_a_crash() {
    let deep_arithmetic = format!("echo $(({}1{}))", "(".repeat(50), ")".repeat(50));
    let arithmetic_command = format!("(({}1{}))", "(".repeat(50), ")".repeat(50));
    let deep_subshells = format!("{}echo hi{}", "( ".repeat(1000), " )".repeat(1000));
    let deep_braces = format!("echo {}x{}", "${a:-".repeat(1000), "}".repeat(1000));
    let text = [
        transcript("sh", &deep_arithmetic, |_| {}),
        transcript("sh", &arithmetic_command, |_| {}),
        transcript("sh", &deep_subshells, |_| {}),
        transcript("sh", &deep_braces, |_| {}),
        transcript("sh", "f() { f; }; f; echo after", |_| {}),
        transcript(
            "sh",
            r"echo ${00} ${99}; echo aaa | grep '\(a\)\5'; echo x | sed 's/\(a\{1000\}\)\{1000\}//'",
            |_| {},
        ),
        transcript("sh", "x=a; while :; do x=$x$x; done", |_| {}),
    ]
    .join("");
    expect![[r#"
        sh: ((((((((((((((((((((((((((((((((((((((((((((((((((1)))))))))))))))))))))))))))))))))))))))))))))))))): expression recursion level exceeded
        -- status 2
        note: an arithmetic expression nested deeper than jobplay evaluates (40 levels) ended the script
        sh: ((((((((((((((((((((((((((((((((((((((((((((((((((1)))))))))))))))))))))))))))))))))))))))))))))))))): expression recursion level exceeded
        -- status 2
        note: an arithmetic expression nested deeper than jobplay evaluates (40 levels) ended the script
        sh: line 1: commands nested too deep for jobplay's shell
        -- status 2
        note: jobplay's shell stopped reading the script at line 1 (commands nested too deep for jobplay's shell); it ran what came before and exited 2, as sh does at a syntax error
        sh: line 1: expansions nested too deep for jobplay's shell
        -- status 2
        note: jobplay's shell stopped reading the script at line 1 (expansions nested too deep for jobplay's shell); it ran what came before and exited 2, as sh does at a syntax error
        sh: function calls nested too deep
        -- status 2

        grep: bad regex '\(a\)\5'
        sed: bad regex
        -- status 1
        -- status 0
        note: a variable grew past 1 MiB; jobplay stopped the script there
    "#]].assert_eq(&text);
}

/// The page's kubectl line as a host: `kubectl` is the host's own program, everything else
/// the applets, and `sleep` moves the host's clock.
#[test]
fn a_host_with_its_own_programs_runs_them_in_pipelines() {
    struct KubectlHost {
        inner: TestHost,
        calls: Vec<String>,
    }
    impl Host for KubectlHost {
        fn now(&self) -> SimTime {
            self.inner.now()
        }
        fn sleep(&mut self, d: SimDuration) {
            self.calls.push(format!("sleep {}", d.human()));
            self.inner.sleep(d);
        }
        fn fs(&mut self) -> &mut Fs {
            self.inner.fs()
        }
        fn random(&mut self) -> u32 {
            self.inner.random()
        }
        fn hostname(&self) -> &str {
            "playground"
        }
        fn note(&mut self, note: String) {
            self.inner.note(note);
        }
        fn run(
            &mut self,
            argv: &[String],
            stdin: &str,
            env: &[(String, String)],
            cwd: &str,
        ) -> Option<Output> {
            if argv[0] == "kubectl" {
                self.calls
                    .push(format!("{argv:?} at {}", self.now().rfc3339()));
                let stdout =
                    "NAME    READY   STATUS\npi-a    0/1     Completed\npi-b    1/1     Running\n"
                        .to_string();
                return Some(Output {
                    stdout,
                    ..Output::default()
                });
            }
            crate::applets::run(self, argv, stdin, env, cwd)
        }
    }
    let mut host = KubectlHost {
        inner: TestHost {
            start: SimTime::parse_rfc3339("2026-12-06T12:26:01Z").unwrap(),
            slept: SimDuration::ZERO,
            fs: Fs::default(),
            rng: SimRng::new(1),
            notes: Vec::new(),
        },
        calls: Vec::new(),
    };
    let ran = run(
        &mut host,
        "sh",
        "sleep 5; kubectl get pods | grep -c Running; kubectl get pods -o name > /tmp/pods; wc -l < /tmp/pods",
        &[],
        &[],
    );
    expect![[r#"
        1
        3
        -- status 0
        sleep 5s
        ["kubectl", "get", "pods"] at 2026-12-06T12:26:06Z
        ["kubectl", "get", "pods", "-o", "name"] at 2026-12-06T12:26:06Z
    "#]]
    .assert_eq(&format!(
        "{}-- status {}\n{}\n",
        ran.log,
        ran.status,
        host.calls.join("\n")
    ));
}

#[test]
fn associative_arrays_are_noted() {
    check_bash(
        "declare -A m; m[a]=1; echo ${m[a]}",
        expect![[r#"
            1
            -- status 0
            note: bash's associative arrays (declare -A) are not simulated; their keys are read as numbers
        "#]],
    );
}

/// grep's context (`-A`, `-B`, `-C`): `-` after the names of context lines, `--` between
/// groups that do not touch, as GNU and busybox grep print them.
#[test]
fn grep_prints_context_around_what_it_selects() {
    check(
        "printf 'a\\nstatus:\\n  x\\n  y\\nb\\nc\\nstatus:\\nz\\n' > /f; grep -A 1 status /f; echo ==; grep -n -B 1 -A 0 '^z' /f; echo ==; grep -C 1 b /f; grep -A x b /f",
        expect![[r#"
            status:
              x
            --
            status:
            z
            ==
            7-status:
            8:z
            ==
              y
            b
            c
            grep: invalid context length argument: x
            -- status 2
        "#]],
    );
}
