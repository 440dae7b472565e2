package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"sort"
	"time"
	"unsafe"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/fake"
	corev1client "k8s.io/client-go/kubernetes/typed/core/v1"
	clienttesting "k8s.io/client-go/testing"
	"k8s.io/kubectl/pkg/describe"
)

// recordEvent is one event of `jobplay run --output json`.
type recordEvent struct {
	Time    time.Time `json:"time"`
	Kind    string    `json:"kind"`
	Name    string    `json:"name"`
	Type    string    `json:"type"`
	Reason  string    `json:"reason"`
	Message string    `json:"message"`
}

// describeView prints `kubectl describe` of every CronJob, then every Job (or, with pods, of
// every pod, by name as the API server lists them: `kubectl describe pods`) of the record at
// its end, as k8s.io/kubectl/pkg/describe does against a cluster holding the record's live
// objects and events, joined as kubectl's describe command joins them.
//
// The record's events carry no source; the harness gives each the component that emits it
// in Kubernetes (job-controller, cronjob-controller, default-scheduler for Scheduled, kubelet
// otherwise), and counts repeats of the same event as client-go's EventCorrelator does.
func describeView(recordJSON []byte, pods bool, out io.Writer) error {
	shifted, shift, err := shiftRecord(recordJSON)
	if err != nil {
		return err
	}
	var rec struct {
		End     time.Time         `json:"end"`
		Objects []json.RawMessage `json:"objects"`
		Events  []recordEvent     `json:"events"`
	}
	if err := json.Unmarshal(shifted, &rec); err != nil {
		return err
	}
	removed, err := removedObjects(rec.Objects, rec.End)
	if err != nil {
		return err
	}
	var objects []runtime.Object
	var cronJobs, jobs, podNames []string
	uids := map[string]types.UID{}
	for _, raw := range rec.Objects {
		var tm metav1.TypeMeta
		var meta struct {
			Metadata metav1.ObjectMeta `json:"metadata"`
		}
		if err := json.Unmarshal(raw, &tm); err != nil {
			return err
		}
		_ = json.Unmarshal(raw, &meta)
		if removed[tm.Kind+"/"+meta.Metadata.Name] {
			continue
		}
		var obj runtime.Object
		switch tm.Kind {
		case "CronJob":
			obj = &batchv1.CronJob{}
			cronJobs = append(cronJobs, meta.Metadata.Name)
		case "Job":
			obj = &batchv1.Job{}
			jobs = append(jobs, meta.Metadata.Name)
		case "Pod":
			obj = &corev1.Pod{}
			podNames = append(podNames, meta.Metadata.Name)
		default:
			continue
		}
		if err := json.Unmarshal(raw, obj); err != nil {
			return err
		}
		uids[tm.Kind+"/"+meta.Metadata.Name] = meta.Metadata.UID
		objects = append(objects, obj)
	}
	// client-go's EventCorrelator: the same event again raises the count and the last time.
	type key struct{ kind, name, typ, reason, message string }
	byKey := map[key]*corev1.Event{}
	var order []key
	for _, e := range rec.Events {
		// The API server keeps an event's times in whole seconds (metav1.Time).
		e.Time = e.Time.Truncate(time.Second)
		k := key{e.Kind, e.Name, e.Type, e.Reason, e.Message}
		if ev, ok := byKey[k]; ok {
			ev.Count++
			ev.LastTimestamp = metav1.NewTime(e.Time)
			continue
		}
		component := "kubelet"
		switch {
		case e.Kind == "Job":
			component = "job-controller"
		case e.Kind == "CronJob":
			component = "cronjob-controller"
		case e.Reason == "Scheduled" || e.Reason == "FailedScheduling":
			component = "default-scheduler"
		}
		ev := &corev1.Event{
			ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("%s.%d", e.Name, len(order)), Namespace: "default"},
			InvolvedObject: corev1.ObjectReference{
				Kind: e.Kind, Name: e.Name, Namespace: "default", UID: uids[e.Kind+"/"+e.Name],
			},
			Type: e.Type, Reason: e.Reason, Message: e.Message, Count: 1,
			FirstTimestamp: metav1.NewTime(e.Time), LastTimestamp: metav1.NewTime(e.Time),
			Source: corev1.EventSource{Component: component},
		}
		byKey[k] = ev
		order = append(order, k)
	}
	for _, k := range order {
		objects = append(objects, byKey[k])
	}
	client := fake.NewSimpleClientset(objects...)
	// The fake clientset ignores field selectors; the API server filters events by them.
	client.PrependReactor("list", "events", func(action clienttesting.Action) (bool, runtime.Object, error) {
		selector := action.(clienttesting.ListActionImpl).GetListRestrictions().Fields
		list := &corev1.EventList{}
		for _, k := range order {
			ev := byKey[k]
			set := fields.Set{
				"involvedObject.name":      ev.InvolvedObject.Name,
				"involvedObject.namespace": ev.InvolvedObject.Namespace,
				"involvedObject.kind":      ev.InvolvedObject.Kind,
				"involvedObject.uid":       string(ev.InvolvedObject.UID),
			}
			if selector == nil || selector.Matches(set) {
				list.Items = append(list.Items, *ev)
			}
		}
		return true, list, nil
	})
	var iface kubernetes.Interface = clientset{client}
	cronDescriber := &describe.CronJobDescriber{}
	// Its clientset field is unexported (describe.go builds it from a REST config).
	field := reflect.ValueOf(cronDescriber).Elem().Field(0)
	reflect.NewAt(field.Type(), unsafe.Pointer(field.UnsafeAddr())).Elem().Set(reflect.ValueOf(iface))
	jobDescriber := &describe.JobDescriber{Interface: iface}
	var parts []string
	settings := describe.DescriberSettings{ShowEvents: true, ChunkSize: 500}
	if pods {
		cronJobs, jobs = nil, nil
		sort.Strings(podNames)
	} else {
		podNames = nil
	}
	podDescriber := &describe.PodDescriber{Interface: iface}
	for _, name := range podNames {
		s, err := podDescriber.Describe("default", name, settings)
		if err != nil {
			return err
		}
		parts = append(parts, s)
	}
	for _, name := range cronJobs {
		s, err := cronDescriber.Describe("default", name, settings)
		if err != nil {
			return err
		}
		parts = append(parts, s)
	}
	for _, name := range jobs {
		s, err := jobDescriber.Describe("default", name, settings)
		if err != nil {
			return err
		}
		parts = append(parts, s)
	}
	// As kubectl's describe command writes them (staging/src/k8s.io/kubectl/pkg/cmd/describe
	// describe.go `Run`): the first as it is, each later one after "\n\n".
	var buf bytes.Buffer
	for i, s := range parts {
		if i > 0 {
			buf.WriteString("\n\n")
		}
		buf.WriteString(s)
	}
	// The instants describe prints (RFC 1123Z) go back to the record's own.
	text := rfc1123z.ReplaceAllStringFunc(buf.String(), func(m string) string {
		t, err := time.Parse(time.RFC1123Z, m)
		// Go's zero time (a state's time the kubelet never set) was not moved.
		if err != nil || t.IsZero() {
			return m
		}
		return t.Add(-shift).UTC().Format(time.RFC1123Z)
	})
	// So do the RFC 3339 instants (annotations such as cronjob-scheduled-timestamp).
	text = rfc3339.ReplaceAllStringFunc(text, func(m string) string {
		t, err := time.Parse(time.RFC3339Nano, m)
		if err != nil {
			return m
		}
		return t.Add(-shift).UTC().Format(time.RFC3339)
	})
	_, err = io.WriteString(out, text)
	return err
}

var rfc3339 = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z`)

var rfc1123z = regexp.MustCompile(`[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}`)

// clientset is the fake clientset with the events client's field selector of a real one:
// the fake's GetFieldSelector selects everything (client-go's fake_event_expansion.go).
type clientset struct{ *fake.Clientset }

func (c clientset) CoreV1() corev1client.CoreV1Interface { return coreV1{c.Clientset.CoreV1()} }

type coreV1 struct{ corev1client.CoreV1Interface }

func (c coreV1) Events(namespace string) corev1client.EventInterface {
	return events{c.CoreV1Interface.Events(namespace)}
}

type events struct{ corev1client.EventInterface }

// GetFieldSelector is client-go's typed/core/v1/event_expansion.go's.
func (events) GetFieldSelector(name, namespace, kind, uid *string) fields.Selector {
	field := fields.Set{}
	if name != nil {
		field["involvedObject.name"] = *name
	}
	if namespace != nil {
		field["involvedObject.namespace"] = *namespace
	}
	if kind != nil {
		field["involvedObject.kind"] = *kind
	}
	if uid != nil {
		field["involvedObject.uid"] = *uid
	}
	return field.AsSelector()
}
