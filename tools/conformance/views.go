package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	cliprinters "k8s.io/cli-runtime/pkg/printers"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	"k8s.io/kubernetes/pkg/apis/batch"
	api "k8s.io/kubernetes/pkg/apis/core"
	"k8s.io/kubernetes/pkg/printers"
	printersinternal "k8s.io/kubernetes/pkg/printers/internalversion"
)

// record is the part of `jobplay run FILE --output json` the views need.
type record struct {
	End     time.Time         `json:"end"`
	Objects []json.RawMessage `json:"objects"`
}

// timestamp is an RFC 3339 instant in the record's JSON.
var timestamp = regexp.MustCompile(`"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)"`)

// getView prints `kubectl get cronjobs,jobs,pods [-o wide]` of the record's objects as kubectl
// would at the record's end: the API server builds each list's Table
// (pkg/registry/batch/job/storage's TableConvertor: printers/internalversion, all columns),
// kubectl prints it (k8s.io/cli-runtime/pkg/printers HumanReadablePrinter, with the kind,
// priority columns only with -o wide), a blank line between kinds.
//
// The printers measure ages against the wall clock (translateTimestampSince), so every
// timestamp is first moved by (now - end): the ages they print are the ages at the end.
func getView(recordJSON []byte, wide bool, out io.Writer) error {
	shifted, _, err := shiftRecord(recordJSON)
	if err != nil {
		return err
	}
	var rec record
	if err := json.Unmarshal(shifted, &rec); err != nil {
		return err
	}
	removed, err := removedObjects(rec.Objects, rec.End)
	if err != nil {
		return err
	}
	lists := map[string][]runtime.Object{}
	for _, raw := range rec.Objects {
		var tm metav1.TypeMeta
		if err := json.Unmarshal(raw, &tm); err != nil {
			return err
		}
		var internal runtime.Object
		switch tm.Kind {
		case "CronJob":
			internal = &batch.CronJob{}
		case "Job":
			internal = &batch.Job{}
		case "Pod":
			internal = &api.Pod{}
		default:
			continue
		}
		var meta struct {
			Metadata struct {
				Name string `json:"name"`
			} `json:"metadata"`
		}
		_ = json.Unmarshal(raw, &meta)
		if removed[tm.Kind+"/"+meta.Metadata.Name] {
			continue
		}
		versioned, _, err := legacyscheme.Codecs.UniversalDeserializer().Decode(raw, nil, nil)
		if err != nil {
			return fmt.Errorf("%s: %w", tm.Kind, err)
		}
		if err := legacyscheme.Scheme.Convert(versioned, internal, nil); err != nil {
			return err
		}
		lists[tm.Kind] = append(lists[tm.Kind], internal)
	}
	generator := printers.NewTableGenerator().With(printersinternal.AddHandlers)
	first := true
	for _, kind := range []struct {
		name string
		gk   schema.GroupKind
		list func([]runtime.Object) runtime.Object
	}{
		{"CronJob", schema.GroupKind{Group: "batch", Kind: "CronJob"}, func(items []runtime.Object) runtime.Object {
			l := &batch.CronJobList{}
			for _, o := range items {
				l.Items = append(l.Items, *o.(*batch.CronJob))
			}
			return l
		}},
		{"Job", schema.GroupKind{Group: "batch", Kind: "Job"}, func(items []runtime.Object) runtime.Object {
			l := &batch.JobList{}
			for _, o := range items {
				l.Items = append(l.Items, *o.(*batch.Job))
			}
			return l
		}},
		{"Pod", schema.GroupKind{Kind: "Pod"}, func(items []runtime.Object) runtime.Object {
			l := &api.PodList{}
			for _, o := range items {
				l.Items = append(l.Items, *o.(*api.Pod))
			}
			return l
		}},
	} {
		items := lists[kind.name]
		if len(items) == 0 {
			continue
		}
		// The API server lists by name (its storage keys).
		sort.SliceStable(items, func(i, j int) bool {
			return items[i].(metav1.Object).GetName() < items[j].(metav1.Object).GetName()
		})
		table, err := generator.GenerateTable(kind.list(items), printers.GenerateOptions{Wide: true})
		if err != nil {
			return err
		}
		if !first {
			fmt.Fprintln(out)
		}
		first = false
		var buf bytes.Buffer
		w := cliprinters.GetNewTabWriter(&buf)
		p := cliprinters.NewTablePrinter(cliprinters.PrintOptions{Wide: wide, WithKind: true, Kind: kind.gk})
		if err := p.PrintObj(table, w); err != nil {
			return err
		}
		w.Flush()
		out.Write(buf.Bytes())
	}
	return nil
}

// shiftRecord moves every timestamp of the record by (now - end), so that the printers, which
// measure ages against the wall clock (translateTimestampSince), print the ages at the end.
func shiftRecord(recordJSON []byte) ([]byte, time.Duration, error) {
	var head record
	if err := json.Unmarshal(recordJSON, &head); err != nil {
		return nil, 0, err
	}
	// A whole number of seconds, so that the instants describe prints can be moved back
	// exactly; the wall clock is taken early in a second, so that the printers, a few
	// milliseconds later, still see the same whole seconds of age.
	if frac := time.Duration(time.Now().Nanosecond()); frac > 800*time.Millisecond {
		time.Sleep(time.Second - frac + 10*time.Millisecond)
	}
	shift := time.Since(head.End).Truncate(time.Second)
	shifted := timestamp.ReplaceAllFunc(recordJSON, func(m []byte) []byte {
		t, err := time.Parse(time.RFC3339Nano, string(m[1:len(m)-1]))
		if err != nil {
			return m
		}
		return []byte(`"` + t.Add(shift).UTC().Format(time.RFC3339Nano) + `"`)
	})
	return shifted, shift, nil
}

// removedObjects names ("Kind/name") the record's objects the API server no longer has at
// end. The record keeps removed objects too and does not mark them: a pod no finalizer holds
// is gone once its deletion is due (its deletionTimestamp is when its grace period ends) or
// when it is terminal and deleted; a Job or CronJob being deleted is gone once no finalizer holds it (a foreground
// deletion keeps `foregroundDeletion` until its dependents are gone, and the garbage
// collector then removes it).
func removedObjects(objects []json.RawMessage, end time.Time) (map[string]bool, error) {
	removed := map[string]bool{}
	for _, raw := range objects {
		var o struct {
			Kind     string `json:"kind"`
			Metadata struct {
				Name              string     `json:"name"`
				DeletionTimestamp *time.Time `json:"deletionTimestamp"`
				Finalizers        []string   `json:"finalizers"`
			} `json:"metadata"`
			Status struct {
				Phase string `json:"phase"`
			} `json:"status"`
		}
		if err := json.Unmarshal(raw, &o); err != nil {
			return nil, err
		}
		gone := false
		switch deleting := o.Metadata.DeletionTimestamp != nil; {
		case o.Kind == "Pod" && deleting:
			// A finalizer (the Job's tracking finalizer, while its controller is down) holds
			// it in the API, finished or not.
			gone = len(o.Metadata.Finalizers) == 0 &&
				(!o.Metadata.DeletionTimestamp.After(end) || o.Status.Phase == "Succeeded" || o.Status.Phase == "Failed")
		case deleting:
			gone = len(o.Metadata.Finalizers) == 0
		}
		removed[o.Kind+"/"+o.Metadata.Name] = gone
	}
	return removed, nil
}
