// The oracle for jobplay's cron port: robfig/cron v3.0.1, the library Kubernetes runs,
// built from Debian's golang-github-robfig-cron-dev. See build.sh.
//
// Check mode (default) reads cases from stdin, one per line:
//
//	<zone or "-">\t<start RFC 3339>\t<count>\t<expression>
//
// and prints one line per case: "ok\t<t1> <t2> ..." (UTC RFC 3339) or "err\t<message>".
// As in Kubernetes, the expression is validated with ParseStandard(expr) and run as
// ParseStandard("TZ=<zone> " + expr) when a zone is given (formatSchedule), with
// time.Local = UTC (the controller manager's usual zone).
//
// Bench mode: oracle bench <zone or "-"> <count> <expression> prints the seconds taken by
// <count> consecutive Next calls.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

func schedule(zone, expr string) (cron.Schedule, error) {
	if _, err := cron.ParseStandard(expr); err != nil {
		return nil, err
	}
	if zone == "-" {
		return cron.ParseStandard(expr)
	}
	return cron.ParseStandard("TZ=" + zone + " " + expr)
}

func main() {
	time.Local = time.UTC
	if len(os.Args) == 5 && os.Args[1] == "bench" {
		bench(os.Args[2], os.Args[3], os.Args[4])
		return
	}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		parts := strings.SplitN(in.Text(), "\t", 4)
		if len(parts) != 4 {
			fmt.Fprintf(out, "err\tbad case line\n")
			continue
		}
		start, err := time.Parse(time.RFC3339, parts[1])
		count, err2 := strconv.Atoi(parts[2])
		if err != nil || err2 != nil {
			fmt.Fprintf(out, "err\tbad case line\n")
			continue
		}
		sched, err := schedule(parts[0], parts[3])
		if err != nil {
			fmt.Fprintf(out, "err\t%s\n", err)
			continue
		}
		t := start.In(time.UTC)
		fires := make([]string, 0, count)
		for i := 0; i < count; i++ {
			t = sched.Next(t)
			if t.IsZero() {
				break
			}
			fires = append(fires, t.UTC().Format(time.RFC3339))
		}
		fmt.Fprintf(out, "ok\t%s\n", strings.Join(fires, " "))
	}
}

func bench(zone, countText, expr string) {
	count, _ := strconv.Atoi(countText)
	sched, err := schedule(zone, expr)
	if err != nil {
		fmt.Println(err)
		os.Exit(2)
	}
	t := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	began := time.Now()
	for i := 0; i < count; i++ {
		t = sched.Next(t)
	}
	fmt.Printf("%.4f %s\n", time.Since(began).Seconds(), t.UTC().Format(time.RFC3339))
}
