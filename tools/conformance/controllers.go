package main

// The Job controller harness (issue #23, item 2): Kubernetes' own Job controller
// (pkg/controller/job, assembled in internal/job by overlay.sh beside zz_jobplay_harness.go) is driven by the pod
// timeline of a jobplay run (`jobplay run FILE --output json --trace`) under a fake clock,
// and what it does at each instant is compared with what jobplay's controller did.
//
// The harness plays the parts around the controller as upstream's job_controller_test.go
// does, deterministically:
//   - the API server: Jobs and pods in maps with resource versions; pod creation (the name is
//     the one jobplay gave the matching pod), graceful deletion (the grace period, 0 for an
//     unscheduled or terminal pod), strategic-merge patches (the tracking finalizer), removal
//     once a deleted pod has no finalizer left, and status updates through the registry's
//     rest.BeforeUpdate with the status strategy (so a status the API server refuses, e.g.
//     ready > active, is refused here and the sync fails);
//   - informers with no latency: each write reaches the indexers and the event handlers
//     right after the sync that made it returns (a kubelet change from the trace at once);
//   - client-go's work queue (simQueue): one entry per key, a key being processed is queued
//     again after Done, the earliest AddAfter per key, AddRateLimited through the
//     controller's own ItemExponentialFailureRateLimiter(1s, 1m);
//   - the kubelet, the scheduler and scripted actions: the trace's pod changes, applied to
//     the pod of the same name (status, node, and a deletion jobplay's controller did not
//     make).
//
// Pods are matched by creation order within a Job, or by completion index and attempt for
// an Indexed Job: the n-th pod upstream creates gets the name of jobplay's n-th.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"time"

	jobcontroller "jobplay.dev/conformance/internal/job"
	batchv1 "k8s.io/api/batch/v1"
	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/strategicpatch"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	"k8s.io/apiserver/pkg/registry/rest"
	batchinformers "k8s.io/client-go/informers/batch/v1"
	coreinformers "k8s.io/client-go/informers/core/v1"
	"k8s.io/client-go/kubernetes/fake"
	batchv1listers "k8s.io/client-go/listers/batch/v1"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/klog/v2"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	"k8s.io/kubernetes/pkg/apis/batch"
	"k8s.io/kubernetes/pkg/controller"
	jobregistry "k8s.io/kubernetes/pkg/registry/batch/job"
	clocktesting "k8s.io/utils/clock/testing"
)

// traceRecord is the part of `jobplay run FILE --output json --trace` the harness reads.
type traceRecord struct {
	Start time.Time    `json:"start"`
	End   time.Time    `json:"end"`
	Trace []traceEntry `json:"trace"`
}

// traceEntry is one entry of src/sim/trace.rs's TraceEntry.
type traceEntry struct {
	Entry             string          `json:"entry"`
	Time              time.Time       `json:"time"`
	Job               json.RawMessage `json:"job"`
	Deleted           bool            `json:"deleted"`
	Pod               json.RawMessage `json:"pod"`
	InSync            bool            `json:"inSync"`
	JobName           string          `json:"jobName"`
	Status            json.RawMessage `json:"status"`
	PodsCreated       []string        `json:"podsCreated"`
	PodsDeleted       []string        `json:"podsDeleted"`
	FinalizersRemoved []string        `json:"finalizersRemoved"`
	RequeueAfter      *string         `json:"requeueAfter"`
	Events            []struct {
		Type    string `json:"type"`
		Reason  string `json:"reason"`
		Message string `json:"message"`
	} `json:"events"`
	Running bool `json:"running"`
	// The CronJob controller's entries (cronjobs.go).
	CronJob     json.RawMessage `json:"cronJob"`
	CronJobName string          `json:"cronJobName"`
	JobsCreated []string        `json:"jobsCreated"`
	JobsDeleted []string        `json:"jobsDeleted"`
	TimeZone    string          `json:"timeZone"`
}

// observed is what one side did to one Job at one instant: its syncs' pods, finalizer
// removals, events, requeues and refused writes, and the status after the last sync.
type observed struct {
	syncs    int
	status   string
	created  []string
	deleted  []string
	released []string
	events   []string
	requeues []string
	refused  []string
}

// comparable is the part of an observation both sides must agree on (requeues are how a
// side gets to its next sync, shown but judged by what that sync does).
func (o observed) comparable() string {
	return fmt.Sprintf("%s|%v|%v|%v|%v|%v", o.status, sorted(o.created), sorted(o.deleted), sorted(o.released), sorted(o.events), o.refused)
}

func (o observed) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d sync(s); status %s", o.syncs, o.status)
	for _, x := range []struct {
		what  string
		items []string
	}{{"created", o.created}, {"deleted", o.deleted}, {"finalizer removed", o.released}, {"events", o.events}, {"requeue after", o.requeues}, {"REFUSED by the API server", o.refused}} {
		if len(x.items) > 0 {
			fmt.Fprintf(&b, "; %s: %s", x.what, strings.Join(sorted(x.items), ", "))
		}
	}
	return b.String()
}

// earliest is the shortest of the delays a side's syncs asked for at one instant: the work
// queue keeps the earliest AddAfter per key, so it alone decides the next sync (Kubernetes'
// syncJob may ask twice, for the active deadline and for the pod-failure back-off, where
// jobplay returns the shorter).
func earliest(requeues []string) string {
	best, found := time.Duration(0), false
	for _, r := range requeues {
		if d, err := time.ParseDuration(r); err == nil && (!found || d < best) {
			best, found = d, true
		}
	}
	if !found {
		return "none"
	}
	return best.String()
}

func sorted(in []string) []string {
	out := append([]string(nil), in...)
	sort.Strings(out)
	return out
}

// statusText is the Job status the comparison reads: counters, indexes, times (whole
// seconds after start, as the API stores them) and conditions' type, status and reason.
func statusText(s batchv1.JobStatus, start time.Time) string {
	at := func(t *metav1.Time) string {
		if t == nil {
			return "-"
		}
		return "+" + t.Time.Truncate(time.Second).Sub(start).String()
	}
	deref := func(p *int32) int32 {
		if p == nil {
			return 0
		}
		return *p
	}
	str := func(p *string) string {
		if p == nil || *p == "" {
			return "-"
		}
		return *p
	}
	var conds []string
	for _, c := range s.Conditions {
		conds = append(conds, fmt.Sprintf("%s=%s(%s)", c.Type, c.Status, c.Reason))
	}
	return fmt.Sprintf("{active %d, ready %d, succeeded %d, failed %d, terminating %d, completedIndexes %s, failedIndexes %s, startTime %s, completionTime %s, conditions [%s]}",
		s.Active, deref(s.Ready), s.Succeeded, s.Failed, deref(s.Terminating), str(&s.CompletedIndexes), str(s.FailedIndexes),
		at(s.StartTime), at(s.CompletionTime), strings.Join(conds, " "))
}

// simQueue is client-go's rate-limited delaying work queue (util/workqueue queue.go,
// delaying_queue.go, rate_limiting_queue.go) in virtual time. The harness is its worker:
// runReadyJob takes one Job's key ahead of the others, runReady takes them in turn.
type simQueue struct {
	now        func() time.Time
	order      []string
	dirty      map[string]bool
	processing map[string]bool
	waiting    map[string]time.Time
	limiter    workqueue.TypedRateLimiter[string]
	// requeues logs the delays asked for (AddAfter, AddRateLimited) while it is set.
	requeues *[]string
}

func newSimQueue(now func() time.Time, limiter workqueue.TypedRateLimiter[string]) *simQueue {
	return &simQueue{
		now: now, dirty: map[string]bool{}, processing: map[string]bool{}, waiting: map[string]time.Time{},
		limiter: limiter,
	}
}

func (q *simQueue) Add(key string) {
	if q.dirty[key] {
		return
	}
	q.dirty[key] = true
	if q.processing[key] {
		return
	}
	q.order = append(q.order, key)
}

func (q *simQueue) Len() int { return len(q.order) }

func (q *simQueue) Get() (string, bool) {
	if len(q.order) == 0 {
		return "", true
	}
	key := q.order[0]
	q.order = q.order[1:]
	q.processing[key] = true
	delete(q.dirty, key)
	return key, false
}

func (q *simQueue) Done(key string) {
	delete(q.processing, key)
	if q.dirty[key] {
		q.order = append(q.order, key)
	}
}

func (q *simQueue) ShutDown()          {}
func (q *simQueue) ShutDownWithDrain() {}
func (q *simQueue) ShuttingDown() bool { return false }

// AddAfter keeps the earliest time per key (delaying_queue.go's waitingLoop).
func (q *simQueue) AddAfter(key string, d time.Duration) {
	if q.requeues != nil {
		*q.requeues = append(*q.requeues, d.String())
	}
	if d <= 0 {
		q.Add(key)
		return
	}
	at := q.now().Add(d)
	if t, ok := q.waiting[key]; !ok || at.Before(t) {
		q.waiting[key] = at
	}
}

func (q *simQueue) AddRateLimited(key string) { q.AddAfter(key, q.limiter.When(key)) }
func (q *simQueue) Forget(key string)         { q.limiter.Forget(key) }
func (q *simQueue) NumRequeues(key string) int {
	return q.limiter.NumRequeues(key)
}

// promote moves the keys whose time has come into the queue, earliest first.
func (q *simQueue) promote(now time.Time) {
	var due []string
	for k, t := range q.waiting {
		if !t.After(now) {
			due = append(due, k)
		}
	}
	sort.Slice(due, func(i, j int) bool {
		ti, tj := q.waiting[due[i]], q.waiting[due[j]]
		return ti.Before(tj) || (ti.Equal(tj) && due[i] < due[j])
	})
	for _, k := range due {
		delete(q.waiting, k)
		q.Add(k)
	}
}

// nextWake is the earliest waiting time, if any.
func (q *simQueue) nextWake() (time.Time, bool) {
	var best time.Time
	found := false
	for _, t := range q.waiting {
		if !found || t.Before(best) {
			best, found = t, true
		}
	}
	return best, found
}

// informer event kinds.
const (
	added = iota
	updated
	removed
)

type informerEvent struct {
	kind     int
	old, cur runtime.Object
}

// podInformer and jobInformer are coreinformers.PodInformer and batchinformers.JobInformer
// over informers that are never started.
type podInformer struct{ informer cache.SharedIndexInformer }

func (p podInformer) Informer() cache.SharedIndexInformer { return p.informer }
func (p podInformer) Lister() corelisters.PodLister {
	return corelisters.NewPodLister(p.informer.GetIndexer())
}

type jobInformer struct{ informer cache.SharedIndexInformer }

func (j jobInformer) Informer() cache.SharedIndexInformer { return j.informer }
func (j jobInformer) Lister() batchv1listers.JobLister {
	return batchv1listers.NewJobLister(j.informer.GetIndexer())
}

var (
	_ coreinformers.PodInformer  = podInformer{}
	_ batchinformers.JobInformer = jobInformer{}
)

// byName is the pod informer's indexer with a Job's pods listed in name order. The
// informer's index is a set, so Kubernetes reads a Job's pods in Go's map order, which is
// any order; jobplay reads them in name order. Where upstream's outcome depends on that
// order (getFailJobMessage quotes the first pod in it that matches a FailJob rule), the
// harness takes jobplay's, one of the orders a cluster can take.
type byName struct{ cache.Indexer }

func (b byName) ByIndex(indexName, indexedValue string) ([]interface{}, error) {
	items, err := b.Indexer.ByIndex(indexName, indexedValue)
	sort.Slice(items, func(i, j int) bool {
		return items[i].(metav1.Object).GetName() < items[j].(metav1.Object).GetName()
	})
	return items, err
}

// harness is one scenario's run of the real controller.
type harness struct {
	// mu serialises the API server: the controller creates pods and removes finalizers from
	// several goroutines at once (manageJob, removeTrackingFinalizerFromPods).
	mu      sync.Mutex
	ctx     context.Context
	start   time.Time
	clock   *clocktesting.FakeClock
	queue   *simQueue
	ctl     *jobcontroller.JobplayController
	pods    cache.SharedIndexInformer
	jobs    cache.SharedIndexInformer
	running bool

	// The API server's objects.
	rv      int64
	apiPods map[string]*v1.Pod
	apiJobs map[string]*batchv1.Job
	// Events for the informers, delivered after the controller's call returns.
	pending []informerEvent

	// jobplay's pods per Job in creation order, and per Job and completion index.
	jpCreated map[string][]string
	jpIndexed map[string]map[string][]string
	// How many pods upstream has created per Job (and per Job and index).
	upCreated map[string]int
	upIndexed map[string]map[string]int
	uid       int

	// What upstream did at the current instant, per Job.
	obs map[string]*observed
	// The Job whose sync is running (the recorder and pod control file under it).
	syncing string
}

// eventRecorder is record.EventRecorder filing each event under the Job it is about.
type eventRecorder struct{ h *harness }

func (r eventRecorder) Event(object runtime.Object, eventtype, reason, message string) {
	r.h.mu.Lock()
	defer r.h.mu.Unlock()
	r.h.event(object, eventtype, reason, message)
}

func (h *harness) event(object runtime.Object, eventtype, reason, message string) {
	name := ""
	if m, err := metaName(object); err == nil {
		name = m
	}
	o := h.observe(name)
	o.events = append(o.events, fmt.Sprintf("%s %s: %s", eventtype, reason, message))
}

func (r eventRecorder) Eventf(object runtime.Object, eventtype, reason, messageFmt string, args ...interface{}) {
	r.Event(object, eventtype, reason, fmt.Sprintf(messageFmt, args...))
}

func (r eventRecorder) AnnotatedEventf(object runtime.Object, _ map[string]string, eventtype, reason, messageFmt string, args ...interface{}) {
	r.Eventf(object, eventtype, reason, messageFmt, args...)
}

func metaName(object runtime.Object) (string, error) {
	if m, ok := object.(metav1.Object); ok {
		return m.GetName(), nil
	}
	return "", fmt.Errorf("no metadata")
}

func (h *harness) observe(job string) *observed {
	o := h.obs[job]
	if o == nil {
		o = &observed{}
		h.obs[job] = o
	}
	return o
}

func (h *harness) nextRV() string {
	h.rv++
	return fmt.Sprint(h.rv)
}

// startController builds the controller (newControllerWithClock) with fresh informers, as a
// (re)started kube-controller-manager has, and lists what exists into them.
func (h *harness) startController() error {
	// newControllerWithClock's limiter.
	h.queue = newSimQueue(h.clock.Now, workqueue.NewTypedItemExponentialFailureRateLimiter[string](jobcontroller.DefaultJobApiBackOff, jobcontroller.MaxJobApiBackOff))
	h.pods = cache.NewSharedIndexInformer(&cache.ListWatch{}, &v1.Pod{}, 0, cache.Indexers{cache.NamespaceIndex: cache.MetaNamespaceIndexFunc})
	h.jobs = cache.NewSharedIndexInformer(&cache.ListWatch{}, &batchv1.Job{}, 0, cache.Indexers{cache.NamespaceIndex: cache.MetaNamespaceIndexFunc})
	ctl, err := jobcontroller.NewJobplayController(h.ctx, fake.NewSimpleClientset(), h.clock, podInformer{h.pods}, jobInformer{h.jobs}, jobcontroller.JobplayParts{
		Queue:        h.queue,
		PodControl:   podControl{h},
		UpdateStatus: h.updateStatus,
		Recorder:     eventRecorder{h},
		PodIndexer:   func(i cache.Indexer) cache.Indexer { return byName{i} },
	})
	if err != nil {
		return err
	}
	h.ctl = ctl
	h.pending = nil
	for _, name := range sortedKeys(h.apiJobs) {
		h.pending = append(h.pending, informerEvent{kind: added, cur: h.apiJobs[name]})
	}
	for _, name := range sortedKeys(h.apiPods) {
		h.pending = append(h.pending, informerEvent{kind: added, cur: h.apiPods[name]})
	}
	h.deliver()
	return nil
}

func sortedKeys[T any](m map[string]T) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// deliver hands the pending writes to the informers: the indexer first, then the handler.
func (h *harness) deliver() {
	for len(h.pending) > 0 {
		e := h.pending[0]
		h.pending = h.pending[1:]
		switch cur := e.cur.(type) {
		case *v1.Pod:
			switch e.kind {
			case added:
				_ = h.pods.GetIndexer().Add(cur)
				h.ctl.AddPod(cur)
			case updated:
				_ = h.pods.GetIndexer().Update(cur)
				h.ctl.UpdatePod(e.old.(*v1.Pod), cur)
			case removed:
				_ = h.pods.GetIndexer().Delete(cur)
				h.ctl.DeletePod(cur)
			}
		case *batchv1.Job:
			switch e.kind {
			case added:
				_ = h.jobs.GetIndexer().Add(cur)
				h.ctl.AddJob(cur)
			case updated:
				_ = h.jobs.GetIndexer().Update(cur)
				h.ctl.UpdateJob(e.old.(*batchv1.Job), cur)
			case removed:
				_ = h.jobs.GetIndexer().Delete(cur)
				h.ctl.DeleteJob(cur)
			}
		}
	}
}

// writePod stores a pod change as the API server does (a new resource version; the pod
// goes once it is deleted, finished or never scheduled, and has no finalizer left) and
// queues the informer event.
func (h *harness) writePod(old, cur *v1.Pod) {
	cur.ResourceVersion = h.nextRV()
	terminal := cur.Status.Phase == v1.PodSucceeded || cur.Status.Phase == v1.PodFailed
	if cur.DeletionTimestamp != nil && len(cur.Finalizers) == 0 && (terminal || cur.Spec.NodeName == "") {
		delete(h.apiPods, cur.Name)
		h.pending = append(h.pending, informerEvent{kind: removed, cur: cur})
		return
	}
	h.apiPods[cur.Name] = cur
	if old == nil {
		h.pending = append(h.pending, informerEvent{kind: added, cur: cur})
	} else {
		h.pending = append(h.pending, informerEvent{kind: updated, old: old, cur: cur})
	}
}

// podControl is controller.PodControlInterface on the harness's API server, recording what
// the controller does and emitting RealPodControl's events.
type podControl struct{ h *harness }

func (c podControl) CreatePods(ctx context.Context, namespace string, template *v1.PodTemplateSpec, object runtime.Object, controllerRef *metav1.OwnerReference) error {
	return c.CreatePodsWithGenerateName(ctx, namespace, template, object, controllerRef, "")
}

func (c podControl) CreatePodsWithGenerateName(ctx context.Context, namespace string, template *v1.PodTemplateSpec, object runtime.Object, controllerRef *metav1.OwnerReference, generateName string) error {
	h := c.h
	h.mu.Lock()
	defer h.mu.Unlock()
	pod, err := controller.GetPodFromTemplate(template, object, controllerRef)
	if err != nil {
		return err
	}
	if generateName != "" {
		pod.GenerateName = generateName
	}
	job := controllerRef.Name
	pod.Namespace = namespace
	pod.Name = h.podName(job, pod)
	h.uid++
	pod.UID = types.UID(fmt.Sprintf("pod-%d", h.uid))
	pod.CreationTimestamp = metav1.NewTime(h.clock.Now())
	pod.Status = v1.PodStatus{Phase: v1.PodPending}
	h.writePod(nil, pod)
	o := h.observe(job)
	o.created = append(o.created, pod.Name)
	h.event(object, v1.EventTypeNormal, controller.SuccessfulCreatePodReason, "Created pod: "+pod.Name)
	return nil
}

// podName is the name of jobplay's pod matching the one upstream creates: the same place in
// the Job's creation order, or for an Indexed Job the same index and attempt. A pod jobplay
// never created gets a name of its own (and no timeline).
func (h *harness) podName(job string, pod *v1.Pod) string {
	if index, ok := pod.Annotations[batchv1.JobCompletionIndexAnnotation]; ok {
		if h.upIndexed[job] == nil {
			h.upIndexed[job] = map[string]int{}
		}
		n := h.upIndexed[job][index]
		h.upIndexed[job][index]++
		if names := h.jpIndexed[job][index]; n < len(names) {
			return names[n]
		}
		return fmt.Sprintf("%sno-jobplay-pod-%d", pod.GenerateName, n+1)
	}
	n := h.upCreated[job]
	h.upCreated[job]++
	if names := h.jpCreated[job]; n < len(names) {
		return names[n]
	}
	return fmt.Sprintf("%sno-jobplay-pod-%d", pod.GenerateName, n+1)
}

// DeletePod is the API server's graceful deletion (pkg/registry/core/pod's
// CheckGracefulDelete: the pod's grace period, 0 when it is unscheduled or finished).
func (c podControl) DeletePod(ctx context.Context, namespace string, podID string, object runtime.Object) error {
	h := c.h
	h.mu.Lock()
	defer h.mu.Unlock()
	old := h.apiPods[podID]
	if old == nil {
		return apierrors.NewNotFound(v1.Resource("pods"), podID)
	}
	job, _ := metaName(object)
	o := h.observe(job)
	o.deleted = append(o.deleted, podID)
	if old.DeletionTimestamp == nil {
		cur := old.DeepCopy()
		grace := int64(30)
		if cur.Spec.TerminationGracePeriodSeconds != nil {
			grace = *cur.Spec.TerminationGracePeriodSeconds
		}
		if cur.Spec.NodeName == "" || cur.Status.Phase == v1.PodSucceeded || cur.Status.Phase == v1.PodFailed {
			grace = 0
		}
		t := metav1.NewTime(h.clock.Now().Add(time.Duration(grace) * time.Second))
		cur.DeletionTimestamp = &t
		cur.DeletionGracePeriodSeconds = &grace
		h.writePod(old, cur)
	}
	h.event(object, v1.EventTypeNormal, controller.SuccessfulDeletePodReason, "Deleted pod: "+podID)
	return nil
}

// PatchPod applies a strategic merge patch (the controller's only patch removes the tracking
// finalizer, removeTrackingFinalizerPatch).
func (c podControl) PatchPod(ctx context.Context, namespace, name string, data []byte) error {
	h := c.h
	h.mu.Lock()
	defer h.mu.Unlock()
	old := h.apiPods[name]
	if old == nil {
		return apierrors.NewNotFound(v1.Resource("pods"), name)
	}
	original, err := json.Marshal(old)
	if err != nil {
		return err
	}
	patched, err := strategicpatch.StrategicMergePatch(original, data, &v1.Pod{})
	if err != nil {
		return err
	}
	cur := &v1.Pod{}
	if err := json.Unmarshal(patched, cur); err != nil {
		return err
	}
	had, has := hasFinalizer(old), hasFinalizer(cur)
	if had && !has {
		job := ""
		if ref := metav1.GetControllerOf(old); ref != nil {
			job = ref.Name
		}
		o := h.observe(job)
		o.released = append(o.released, name)
	}
	h.writePod(old, cur)
	return nil
}

func hasFinalizer(p *v1.Pod) bool {
	for _, f := range p.Finalizers {
		if f == batchv1.JobTrackingFinalizer {
			return true
		}
	}
	return false
}

// updateStatus is the API server's PUT of jobs/status: optimistic concurrency, then
// rest.BeforeUpdate with the registry's StatusStrategy (PrepareForUpdate keeps the stored
// spec; ValidateUpdate is ValidateJobUpdateStatus).
func (h *harness) updateStatus(ctx context.Context, job *batchv1.Job) (*batchv1.Job, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	old := h.apiJobs[job.Name]
	if old == nil {
		return nil, apierrors.NewNotFound(batchv1.Resource("jobs"), job.Name)
	}
	if job.ResourceVersion != old.ResourceVersion {
		return nil, apierrors.NewConflict(batchv1.Resource("jobs"), job.Name, fmt.Errorf("the object has been modified"))
	}
	newInternal, oldInternal := &batch.Job{}, &batch.Job{}
	if err := legacyscheme.Scheme.Convert(job, newInternal, nil); err != nil {
		return nil, err
	}
	if err := legacyscheme.Scheme.Convert(old, oldInternal, nil); err != nil {
		return nil, err
	}
	rctx := genericapirequest.WithNamespace(context.Background(), job.Namespace)
	rctx = genericapirequest.WithRequestInfo(rctx, &genericapirequest.RequestInfo{
		IsResourceRequest: true, Verb: "update", APIPrefix: "apis", APIGroup: batch.GroupName,
		APIVersion: "v1", Namespace: job.Namespace, Resource: "jobs", Subresource: "status", Name: job.Name,
	})
	if err := rest.BeforeUpdate(jobregistry.StatusStrategy, rctx, newInternal, oldInternal); err != nil {
		o := h.observe(job.Name)
		o.refused = append(o.refused, err.Error())
		return nil, err
	}
	stored := old.DeepCopy()
	stored.Status = *job.Status.DeepCopy()
	stored.ResourceVersion = h.nextRV()
	h.apiJobs[job.Name] = stored
	h.pending = append(h.pending, informerEvent{kind: updated, old: old, cur: stored})
	return stored.DeepCopy(), nil
}

// runReady runs the worker while keys are ready (bounded: more than 1,000 syncs at one
// instant is a harness fault, reported as an error).
func (h *harness) runReady() error {
	if !h.running {
		return nil
	}
	for i := 0; h.queue.Len() > 0; i++ {
		if i > 1000 {
			return fmt.Errorf("the work queue never empties at %s", h.clock.Now())
		}
		key := h.queue.order[0]
		name := key[strings.Index(key, "/")+1:]
		o := h.observe(name)
		o.syncs++
		h.queue.requeues = &o.requeues
		h.ctl.ProcessNextWorkItem(h.ctx)
		h.queue.requeues = nil
		h.deliver()
	}
	return nil
}

// runReadyJob runs the worker on Job name's key now if it is queued, ahead of other Jobs'
// keys: kube-controller-manager syncs several Jobs at once (--concurrent-job-syncs, 5 by
// default), so the syncs of different Jobs due at one instant may come in any order, and the
// harness takes them in jobplay's, each seeing the pod changes jobplay's saw. The other keys
// wait for their own sync entries or the end of the instant.
func (h *harness) runReadyJob(name string) error {
	if !h.running {
		return nil
	}
	key := "default/" + name
	for i, k := range h.queue.order {
		if k != key {
			continue
		}
		h.queue.order = append([]string{key}, append(h.queue.order[:i:i], h.queue.order[i+1:]...)...)
		o := h.observe(name)
		o.syncs++
		h.queue.requeues = &o.requeues
		h.ctl.ProcessNextWorkItem(h.ctx)
		h.queue.requeues = nil
		h.deliver()
		return nil
	}
	return nil
}

// controllerRun is the outcome of one scenario: the steps both sides agreed on, and the
// first one where they parted.
type controllerRun struct {
	steps   []string
	differs string
	// class names a known kind of difference (tools/conformance/exclusions.txt).
	class string
	syncs int
}

// refusedFinishClass names the difference where Kubernetes' API server refuses the status its
// own controller writes for a Job that fails while suspended: the controller cleared
// status.startTime on suspension (MutableSchedulingDirectivesForSuspendedJobs, beta and on in
// v1.37), and ValidateJobUpdateStatus requires it for a finished Job, so the Job never gets
// its Failed condition; jobplay writes it.
const refusedFinishClass = "@kubernetes-refuses-finish-without-starttime"

// runControllers replays rec's trace under Kubernetes' Job controller and compares each
// instant's syncs.
func runControllers(rec traceRecord) (controllerRun, error) {
	ctx := klog.NewContext(context.Background(), klog.Background().V(10))
	h := &harness{
		ctx: ctx, start: rec.Start, clock: clocktesting.NewFakeClock(rec.Start), running: true,
		apiPods: map[string]*v1.Pod{}, apiJobs: map[string]*batchv1.Job{},
		jpCreated: map[string][]string{}, jpIndexed: map[string]map[string][]string{},
		upCreated: map[string]int{}, upIndexed: map[string]map[string]int{},
	}
	// jobplay's pods per Job, from the pods its syncs created.
	index := map[string]string{}
	for _, e := range rec.Trace {
		if e.Entry == "pod" && e.InSync {
			var p v1.Pod
			if err := json.Unmarshal(e.Pod, &p); err != nil {
				return controllerRun{}, err
			}
			if i, ok := p.Annotations[batchv1.JobCompletionIndexAnnotation]; ok {
				if _, seen := index[p.Name]; !seen {
					index[p.Name] = i
				}
			}
		}
		if e.Entry == "sync" {
			for _, name := range e.PodsCreated {
				h.jpCreated[e.JobName] = append(h.jpCreated[e.JobName], name)
				if i, ok := index[name]; ok {
					if h.jpIndexed[e.JobName] == nil {
						h.jpIndexed[e.JobName] = map[string][]string{}
					}
					h.jpIndexed[e.JobName][i] = append(h.jpIndexed[e.JobName][i], name)
				}
			}
		}
	}
	if err := h.startController(); err != nil {
		return controllerRun{}, err
	}
	var run controllerRun
	jpStatus := map[string]string{}
	deleted := map[string]bool{}
	i := 0
	for {
		t, ok := h.queue.nextWake()
		if !h.running {
			ok = false
		}
		if i < len(rec.Trace) && (!ok || !rec.Trace[i].Time.After(t)) {
			t, ok = rec.Trace[i].Time, true
		}
		if !ok || t.After(rec.End) {
			break
		}
		h.clock.SetTime(t)
		h.obs = map[string]*observed{}
		if h.running {
			h.queue.promote(t)
		}
		jp := map[string]*observed{}
		var held []traceEntry
		for ; i < len(rec.Trace) && rec.Trace[i].Time.Equal(t); i++ {
			e := rec.Trace[i]
			switch e.Entry {
			case "job":
				if err := h.applyJob(e); err != nil {
					return run, err
				}
				if e.Deleted {
					var j batchv1.Job
					_ = json.Unmarshal(e.Job, &j)
					deleted[j.Name] = true
				}
			case "podRemoved":
				// The pod's last state: the harness's API server removes it in turn once it
				// is finished and has no finalizer left.
				if err := h.applyPod(e); err != nil {
					return run, err
				}
			case "pod":
				if e.InSync {
					// The sync that made this change is the next entry: it comes after it.
					held = append(held, e)
					continue
				}
				if err := h.applyPod(e); err != nil {
					return run, err
				}
			case "sync":
				if err := h.runReadyJob(e.JobName); err != nil {
					return run, err
				}
				o := jp[e.JobName]
				if o == nil {
					o = &observed{}
					jp[e.JobName] = o
				}
				o.syncs++
				var s batchv1.JobStatus
				if err := json.Unmarshal(e.Status, &s); err != nil {
					return run, err
				}
				jpStatus[e.JobName] = statusText(s, rec.Start)
				o.created = append(o.created, e.PodsCreated...)
				o.deleted = append(o.deleted, e.PodsDeleted...)
				o.released = append(o.released, e.FinalizersRemoved...)
				for _, ev := range e.Events {
					o.events = append(o.events, fmt.Sprintf("%s %s: %s", ev.Type, ev.Reason, ev.Message))
				}
				if e.RequeueAfter != nil {
					o.requeues = append(o.requeues, *e.RequeueAfter)
				}
				for _, p := range held {
					if err := h.applyPod(p); err != nil {
						return run, err
					}
				}
				held = nil
			case "controllers":
				h.running = e.Running
				if e.Running {
					if err := h.startController(); err != nil {
						return run, err
					}
				}
			}
		}
		for _, p := range held {
			if err := h.applyPod(p); err != nil {
				return run, err
			}
		}
		if err := h.runReady(); err != nil {
			return run, err
		}
		// Compare the Jobs either side synced at t.
		names := map[string]bool{}
		for n := range jp {
			names[n] = true
		}
		for n, o := range h.obs {
			if o.syncs > 0 {
				names[n] = true
			}
		}
		for _, n := range sortedKeys(names) {
			if deleted[n] {
				continue
			}
			up := h.observe(n)
			if j := h.apiJobs[n]; j != nil {
				up.status = statusText(j.Status, rec.Start)
			}
			mine := jp[n]
			if mine == nil {
				mine = &observed{}
			}
			mine.status = jpStatus[n]
			run.syncs += up.syncs
			at := fmt.Sprintf("+%s", t.Sub(rec.Start))
			if up.comparable() != mine.comparable() || (up.syncs > 0 && mine.syncs > 0 && earliest(up.requeues) != earliest(mine.requeues)) {
				for _, r := range up.refused {
					if strings.Contains(r, "startTime is required for finished job") {
						run.class = refusedFinishClass
					}
				}
				run.differs = fmt.Sprintf("--- first difference at %s (%s), Job %q\n  kubernetes: %s\n  jobplay:    %s\n",
					at, t.UTC().Format(time.RFC3339Nano), n, up, mine)
				return run, nil
			}
			run.steps = append(run.steps, fmt.Sprintf("%-8s Job %s: kubernetes %s\n%-8s %*s jobplay    %s", at, n, up, "", len(n)+5, "", mine))
		}
	}
	return run, nil
}

// applyJob applies a Job entry: a creation, a spec change (a new generation) or a deletion.
func (h *harness) applyJob(e traceEntry) error {
	j := &batchv1.Job{}
	if err := json.Unmarshal(e.Job, j); err != nil {
		return err
	}
	old := h.apiJobs[j.Name]
	switch {
	case e.Deleted:
		if old != nil {
			delete(h.apiJobs, j.Name)
			h.pending = append(h.pending, informerEvent{kind: removed, cur: old})
		}
	case old == nil:
		// The API server's defaulting (SetObjectDefaults_Job) of the Job jobplay created.
		legacyscheme.Scheme.Default(j)
		j.Status = batchv1.JobStatus{}
		j.ResourceVersion = h.nextRV()
		h.apiJobs[j.Name] = j
		h.pending = append(h.pending, informerEvent{kind: added, cur: j})
	default:
		cur := old.DeepCopy()
		cur.Spec = j.Spec
		legacyscheme.Scheme.Default(cur)
		cur.Generation = j.Generation
		// A foreground deletion: the Job stays, being deleted, until its pods are gone.
		cur.DeletionTimestamp = j.DeletionTimestamp
		cur.Finalizers = j.Finalizers
		cur.ResourceVersion = h.nextRV()
		h.apiJobs[j.Name] = cur
		h.pending = append(h.pending, informerEvent{kind: updated, old: old, cur: cur})
	}
	if h.running {
		h.deliver()
	} else {
		h.pending = nil
	}
	return nil
}

// applyPod applies a pod change from jobplay's trace to the pod of the same name: the
// status (the kubelet's), the node (the scheduler's binding) and a deletion jobplay's Job
// controller did not make (a scripted eviction or deletion, a node failure).
func (h *harness) applyPod(e traceEntry) error {
	var p v1.Pod
	if err := json.Unmarshal(e.Pod, &p); err != nil {
		return err
	}
	old := h.apiPods[p.Name]
	if old == nil {
		return nil
	}
	cur := old.DeepCopy()
	cur.Status = p.Status
	cur.Spec.NodeName = p.Spec.NodeName
	if !e.InSync && p.DeletionTimestamp != nil && cur.DeletionTimestamp == nil {
		cur.DeletionTimestamp = p.DeletionTimestamp
		cur.DeletionGracePeriodSeconds = p.DeletionGracePeriodSeconds
	}
	if jsonEqual(old, cur) {
		return nil
	}
	h.writePod(old, cur)
	if h.running {
		h.deliver()
	} else {
		h.pending = nil
	}
	return nil
}

func jsonEqual(a, b interface{}) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// traceOf runs `jobplay run FILE --output json --trace`.
func traceOf(bin, file string) (traceRecord, error) {
	out, err := exec.Command(bin, "run", file, "--output", "json", "--trace").Output()
	if err != nil {
		if _, exit := err.(*exec.ExitError); !exit || len(out) == 0 {
			return traceRecord{}, fmt.Errorf("jobplay run %s --trace: %w", file, err)
		}
	}
	var rec traceRecord
	if err := json.Unmarshal(out, &rec); err != nil {
		return traceRecord{}, err
	}
	return rec, nil
}
