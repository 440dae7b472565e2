// Command conformance runs Kubernetes' own code on jobplay's inputs: the API server's create
// path for Jobs and CronJobs (decode, default, convert, PrepareForCreate, Validate), so that
// scripts/conformance can compare its errors with `jobplay validate`'s.
//
//	conformance validate FILE            upstream's diagnostics for one text, one a line
//	conformance compare -jobplay BIN     cases as JSON lines on stdin ({"name","text"}); each is
//	                                     run through both; differences and a summary on stdout;
//	                                     -views FILES (comma-separated) also compares
//	                                     `jobplay run FILE --until T --output get|wide` with
//	                                     kubectl's printers at each of -instants
//	                                     -controllers FILES (comma-separated) also runs each
//	                                     through Kubernetes' Job controller (controllers.go) and,
//	                                     with a CronJob, its CronJob controller (cronjobs.go), as
//	                                     it does the cases marked "controller"
//	conformance controller -jobplay BIN FILE
//	                                     the Job controller's steps on FILE, both sides, then
//	                                     the CronJob controller's (cronjobs.go) if it has one
//	conformance get [-wide] < RECORD     kubectl get of a `jobplay run --output json` record
//	conformance describe [-pods] < RECORD kubectl describe of its CronJobs and Jobs (or its pods)
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	switch os.Args[1] {
	case "validate":
		if len(os.Args) != 3 {
			usage()
		}
		text, err := os.ReadFile(os.Args[2])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		for _, d := range upstream(string(text)) {
			for _, m := range d.errors {
				fmt.Printf("%d: error: %s\n", d.firstLine, m)
			}
		}
	case "get":
		fs := flag.NewFlagSet("get", flag.ExitOnError)
		wide := fs.Bool("wide", false, "-o wide")
		_ = fs.Parse(os.Args[2:])
		data, err := io.ReadAll(os.Stdin)
		if err == nil {
			err = getView(data, *wide, os.Stdout)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	case "describe":
		fs := flag.NewFlagSet("describe", flag.ExitOnError)
		pods := fs.Bool("pods", false, "describe the pods (kubectl describe pods) rather than the CronJobs and Jobs")
		_ = fs.Parse(os.Args[2:])
		data, err := io.ReadAll(os.Stdin)
		if err == nil {
			err = describeView(data, *pods, os.Stdout)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	case "controller":
		fs := flag.NewFlagSet("controller", flag.ExitOnError)
		bin := fs.String("jobplay", "", "the jobplay binary")
		_ = fs.Parse(os.Args[2:])
		if fs.NArg() != 1 {
			usage()
		}
		rec, err := traceOf(*bin, fs.Arg(0))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		status := 0
		for _, harness := range harnessesFor(rec) {
			run, err := harness(rec)
			for _, s := range run.steps {
				fmt.Println(s)
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(2)
			}
			if run.differs != "" {
				fmt.Print(run.differs)
				status = 1
			}
		}
		os.Exit(status)
	case "compare":
		fs := flag.NewFlagSet("compare", flag.ExitOnError)
		bin := fs.String("jobplay", "", "the jobplay binary")
		views := fs.String("views", "", "manifests whose kubectl views are compared, comma-separated")
		instants := fs.String("instants", "10s,1m,10m", "when the views are taken, comma-separated")
		exclusions := fs.String("exclusions", "", "a file naming the cases excluded from the count, one a line (# comments)")
		scenarios := fs.Int("scenarios", 0, "how many of the cases are random scenarios (for the summary)")
		controllers := fs.String("controllers", "", "manifests run through Kubernetes' Job controller, comma-separated")
		_ = fs.Parse(os.Args[2:])
		os.Exit(compare(*bin, *exclusions, *scenarios, splitList(*views), splitList(*instants), splitList(*controllers)))
	default:
		usage()
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: conformance validate FILE | conformance compare -jobplay BIN [-exclusions FILE] [-scenarios N] [-views FILES] [-controllers FILES] < cases.jsonl | conformance controller -jobplay BIN FILE | conformance get [-wide] < RECORD | conformance describe [-pods] < RECORD")
	os.Exit(2)
}

// harnessesFor lists the controller harnesses a trace is replayed under: the Job
// controller's, and the CronJob controller's when the run has a CronJob.
func harnessesFor(rec traceRecord) []func(traceRecord) (controllerRun, error) {
	out := []func(traceRecord) (controllerRun, error){runControllers}
	if hasCronJobs(rec) {
		out = append(out, runCronJobControllers)
	}
	return out
}

// testCase is one line of examples/conformance_cases.rs's output.
type testCase struct {
	Name string `json:"name"`
	Text string `json:"text"`
	// Controller: a scenario for the Job controller harness rather than a validation case.
	Controller bool `json:"controller"`
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func compare(bin, exclusionsFile string, scenarios int, viewFiles, instants, controllerFiles []string) int {
	excluded := map[string]bool{}
	if exclusionsFile != "" {
		data, err := os.ReadFile(exclusionsFile)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		for _, line := range strings.Split(string(data), "\n") {
			line = strings.TrimSpace(strings.SplitN(line, "#", 2)[0])
			if line != "" {
				excluded[line] = true
			}
		}
	}
	dir, err := os.MkdirTemp("", "conformance")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer os.RemoveAll(dir)
	scanner := bufio.NewScanner(os.Stdin)
	scanner.Buffer(make([]byte, 1<<20), 64<<20)
	cases, differences, excludedSeen := 0, 0, 0
	var controllerCases []testCase
	for _, file := range controllerFiles {
		text, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		controllerCases = append(controllerCases, testCase{Name: "controller/" + filepath.Base(file), Text: string(text), Controller: true})
	}
	for scanner.Scan() {
		var c testCase
		if err := json.Unmarshal(scanner.Bytes(), &c); err != nil {
			fmt.Fprintln(os.Stderr, "bad case line:", err)
			return 2
		}
		if c.Controller {
			controllerCases = append(controllerCases, c)
			continue
		}
		cases++
		diff, class, err := compareCase(bin, dir, c)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		if class != "" && excluded[class] && diff != "" {
			excludedSeen++
			continue
		}
		if diff == "" {
			if excluded[c.Name] {
				fmt.Printf("note: %s is excluded but no longer differs; take it off the list\n", c.Name)
			}
			continue
		}
		if excluded[c.Name] {
			excludedSeen++
			continue
		}
		differences++
		fmt.Printf("=== %s\n--- text\n%s\n%s\n", c.Name, strings.TrimRight(c.Text, "\n"), diff)
	}
	if err := scanner.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	views := 0
	for _, file := range viewFiles {
		for _, at := range instants {
			for _, output := range []string{"get", "wide", "describe", "describe-pods"} {
				name := fmt.Sprintf("view/%s@%s/%s", filepath.Base(file), at, output)
				views++
				diff, err := compareView(bin, file, at, output)
				if err != nil {
					fmt.Fprintln(os.Stderr, name+":", err)
					return 2
				}
				if diff == "" {
					if excluded[name] {
						fmt.Printf("note: %s is excluded but no longer differs; take it off the list\n", name)
					}
					continue
				}
				if excluded[name] {
					excludedSeen++
					continue
				}
				differences++
				fmt.Printf("=== %s\n%s\n", name, diff)
			}
		}
	}
	syncs, cronScenarios, cronSyncs, controllerExcluded := 0, 0, 0, 0
	for _, c := range controllerCases {
		path := filepath.Join(dir, "controller.yaml")
		if err := os.WriteFile(path, []byte(c.Text), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		rec, err := traceOf(bin, path)
		if err != nil {
			fmt.Fprintln(os.Stderr, c.Name+":", err)
			return 2
		}
		generated := strings.HasPrefix(c.Name, "controller/seed-") || strings.HasPrefix(c.Name, "cron/seed-")
		if generated && runs(rec) {
			// kubectl's views of the generated scenario too, at one instant drawn from its name.
			at := generatedInstant(c.Name)
			for _, output := range []string{"get", "wide", "describe", "describe-pods"} {
				views++
				diff, err := compareView(bin, path, at, output)
				if err != nil {
					fmt.Fprintln(os.Stderr, c.Name+":", err)
					return 2
				}
				name := fmt.Sprintf("view/%s@%s/%s", c.Name, at, output)
				if diff == "" {
					continue
				}
				if excluded[name] {
					excludedSeen++
					continue
				}
				differences++
				fmt.Printf("=== %s\n--- text\n%s\n%s\n", name, strings.TrimRight(c.Text, "\n"), diff)
			}
		}
		run, err := runControllers(rec)
		if err != nil {
			fmt.Fprintln(os.Stderr, c.Name+":", err)
			return 2
		}
		syncs += run.syncs
		if run.differs == "" && hasCronJobs(rec) {
			// The CronJob controller on the same trace; the first harness to differ speaks.
			cronScenarios++
			if run, err = runCronJobControllers(rec); err != nil {
				fmt.Fprintln(os.Stderr, c.Name+" (CronJob controller):", err)
				return 2
			}
			cronSyncs += run.syncs
		}
		if run.differs != "" && run.class != "" && excluded[run.class] {
			excludedSeen++
			controllerExcluded++
			continue
		}
		if run.differs == "" {
			if excluded[c.Name] {
				fmt.Printf("note: %s is excluded but no longer differs; take it off the list\n", c.Name)
			}
			continue
		}
		if excluded[c.Name] {
			excludedSeen++
			continue
		}
		differences++
		fmt.Printf("=== %s\n--- text\n%s\n", c.Name, strings.TrimRight(c.Text, "\n"))
		if n := len(run.steps); n > 0 {
			fmt.Println("--- the last steps both sides agree on")
			for _, s := range run.steps[max(0, n-4):] {
				fmt.Println("  " + strings.ReplaceAll(s, "\n", "\n  "))
			}
		}
		fmt.Print(run.differs)
	}
	if len(controllerCases) > 0 {
		fmt.Fprintf(os.Stderr, "conformance: %d controller scenarios, %d syncs of Kubernetes' Job controller, %d with CronJobs and %d syncs of its CronJob controller, %d excluded by class\n", len(controllerCases), syncs, cronScenarios, cronSyncs, controllerExcluded)
	}
	if excludedSeen > 0 {
		fmt.Printf("(%d excluded cases still differ, as docs/conformance.md explains)\n", excludedSeen)
	}
	fmt.Printf("conformance: %d scenarios, %d validation cases, %d kubectl views against Kubernetes %s: %d differences\n",
		scenarios, cases, views, kubernetesVersion, differences)
	if differences > 0 {
		return 1
	}
	return 0
}

// jobplayLine is one diagnostic line of `jobplay validate FILE`: FILE:LINE:COLUMN: SEVERITY: MESSAGE.
var jobplayLine = regexp.MustCompile(`^[^:]*:(\d+):(\d+): (error|warning): (.*)$`)

// panicClass names the difference where Kubernetes' validation panics (the API server answers
// 500 and creates nothing) and jobplay rejects the object with field errors.
const panicClass = "@kubernetes-panics"

// compareCase runs one case through both sides and describes how they differ, per object
// ("" when they agree). Messages are compared as text; positions are jobplay's own. A
// difference of a named class comes with the class's name.
func compareCase(bin, dir string, c testCase) (string, string, error) {
	path := filepath.Join(dir, "case.yaml")
	if err := os.WriteFile(path, []byte(c.Text), 0o644); err != nil {
		return "", "", err
	}
	out, err := exec.Command(bin, "validate", path).Output()
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			return "", "", fmt.Errorf("%s validate: %w", bin, err)
		}
	}
	docs := upstream(c.Text)
	ours := make([][]string, len(docs))
	for _, line := range strings.Split(string(out), "\n") {
		m := jobplayLine.FindStringSubmatch(line)
		if m == nil || m[3] != "error" {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		for i, d := range docs {
			if n >= d.firstLine && (i+1 == len(docs) || n < docs[i+1].firstLine) {
				if d.judged {
					ours[i] = append(ours[i], m[4])
				}
				break
			}
		}
	}
	var b strings.Builder
	class, classified := "", true
	for i, d := range docs {
		if !d.judged {
			continue
		}
		theirs := append([]string(nil), d.errors...)
		sort.Strings(theirs)
		mine := ours[i]
		sort.Strings(mine)
		if strings.Join(theirs, "\n") == strings.Join(mine, "\n") {
			continue
		}
		if len(theirs) == 1 && strings.HasPrefix(theirs[0], "(the API server panics") && len(mine) > 0 {
			class = panicClass
		} else {
			classified = false
		}
		// Only what one side says and the other does not; both sides' full lists are in the
		// case's own `jobplay validate` and `conformance validate` output.
		onlyTheirs, onlyMine := without(theirs, mine), without(mine, theirs)
		fmt.Fprintf(&b, "--- %s (document at line %d)\n", d.what, d.firstLine)
		for _, m := range onlyTheirs {
			fmt.Fprintf(&b, "  kubernetes only: %s\n", m)
		}
		if len(theirs) == 0 {
			b.WriteString("  kubernetes:      (accepted)\n")
		}
		for _, m := range onlyMine {
			fmt.Fprintf(&b, "  jobplay only:    %s\n", m)
		}
		if len(mine) == 0 {
			b.WriteString("  jobplay:         (accepted)\n")
		}
	}
	if !classified {
		class = ""
	}
	return b.String(), class, nil
}

// without is the multiset a minus b.
func without(a, b []string) []string {
	left := map[string]int{}
	for _, m := range b {
		left[m]++
	}
	var out []string
	for _, m := range a {
		if left[m] > 0 {
			left[m]--
			continue
		}
		out = append(out, m)
	}
	return out
}

// runs says whether jobplay ran the text (a generated scenario whose Job is invalid, such as
// maxFailedIndexes over completions, is only refused).
func runs(rec traceRecord) bool {
	for _, e := range rec.Trace {
		if e.Entry == "job" || e.Entry == "cronJob" {
			return true
		}
	}
	return false
}

// generatedInstant is when a generated scenario's views are taken: while its Job runs (a
// Job scenario lasts 5 to 8 minutes; a CronJob one sees a few of its times within the hour),
// picked by the scenario's name so that a run is repeatable.
func generatedInstant(name string) string {
	sum := 0
	for _, r := range name {
		sum = sum*31 + int(r)
	}
	if sum < 0 {
		sum = -sum
	}
	if strings.HasPrefix(name, "cron/") {
		return []string{"3m", "17m", "1h"}[sum%3]
	}
	return []string{"15s", "40s", "2m", "5m"}[sum%4]
}

// compareView compares `jobplay run FILE --until AT --output get|wide|describe` with kubectl's printers
// on the objects of `--output json` at the same instant, line by line ("" when equal).
func compareView(bin, file, at, output string) (string, error) {
	ours, err := exec.Command(bin, "run", file, "--until", at, "--output", output).Output()
	if err != nil {
		return "", fmt.Errorf("jobplay run --output %s: %w", output, err)
	}
	rec, err := exec.Command(bin, "run", file, "--until", at, "--output", "json").Output()
	if err != nil {
		return "", fmt.Errorf("jobplay run --output json: %w", err)
	}
	var theirs bytes.Buffer
	if output == "describe" || output == "describe-pods" {
		err = describeView(rec, output == "describe-pods", &theirs)
	} else {
		err = getView(rec, output == "wide", &theirs)
	}
	if err != nil {
		return "", err
	}
	a := strings.Split(strings.TrimRight(theirs.String(), "\n"), "\n")
	b := strings.Split(strings.TrimRight(string(ours), "\n"), "\n")
	if strings.Join(a, "\n") == strings.Join(b, "\n") {
		return "", nil
	}
	var d strings.Builder
	for i := 0; i < len(a) || i < len(b); i++ {
		var x, y string
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x == y {
			fmt.Fprintf(&d, "  same:       %s\n", x)
			continue
		}
		fmt.Fprintf(&d, "  kubernetes: %s\n  jobplay:    %s\n", x, y)
	}
	return d.String(), nil
}
