package main

// The CronJob controller harness (issue #23, item 3): Kubernetes' own CronJob controller
// (pkg/controller/cronjob's ControllerV2, assembled in internal/cronjob by overlay.sh beside
// zz_jobplay_harness.go) is driven by the Job timeline of a jobplay run (`jobplay run FILE
// --output json --trace`) under a fake clock, and what it does at each instant is compared
// with what jobplay's CronJob controller did.
//
// The harness plays the parts around the controller as upstream's
// cronjob_controllerv2_test.go does, deterministically:
//   - the API server: CronJobs and Jobs in maps with resource versions; Job creation
//     (AlreadyExists for a taken name, the API server's defaulting), deletion with background
//     propagation (the Job goes at once; its pods are the garbage collector's business, not
//     the CronJob controller's), CronJob status updates with optimistic concurrency;
//   - informers with no latency: each write reaches the indexers and the event handlers
//     right after the call that made it returns (a change from the trace at once);
//   - client-go's work queue (simQueue): the earliest AddAfter per key, AddRateLimited
//     through the per-item part of DefaultTypedControllerRateLimiter (5ms to 1000s; its
//     10 qps bucket reads the wall clock and never binds at one CronJob per scenario);
//   - the Job controller, the TTL controller, the garbage collector and scripted actions:
//     the trace's Job changes, applied to the Job of the same name (a Job's status after
//     each of jobplay's Job syncs, which the Job harness checks on its own; a deletion
//     jobplay's CronJob controller did not make; a Job created by hand from the CronJob).
//
// Jobs are matched by name: a CronJob's Job is named after its scheduled time
// (getJobName), so both sides name the same run alike.

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	cronjobcontroller "jobplay.dev/conformance/internal/cronjob"
	batchv1 "k8s.io/api/batch/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	batchinformers "k8s.io/client-go/informers/batch/v1"
	"k8s.io/client-go/kubernetes/fake"
	batchv1listers "k8s.io/client-go/listers/batch/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/klog/v2"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
)

// cronJobInformer is batchinformers.CronJobInformer over an informer that is never started.
type cronJobInformer struct{ informer cache.SharedIndexInformer }

func (c cronJobInformer) Informer() cache.SharedIndexInformer { return c.informer }
func (c cronJobInformer) Lister() batchv1listers.CronJobLister {
	return batchv1listers.NewCronJobLister(c.informer.GetIndexer())
}

var _ batchinformers.CronJobInformer = cronJobInformer{}

// cronObserved is what one side did to one CronJob at one instant: its syncs' Jobs created
// and deleted, events and requeues, and the status and next wake after the last sync.
type cronObserved struct {
	syncs    int
	status   string
	created  []string
	deleted  []string
	events   []string
	requeues []string
	// next is when the work queue syncs the CronJob again (the earliest AddAfter waiting).
	next string
}

// comparable is the part both sides must agree on. Requeues are compared as the set of
// delays asked for (a side may sync once more at an instant where nothing changes, asking
// for the same delay again) and through the next wake they leave in the queue.
func (o cronObserved) comparable() string {
	return fmt.Sprintf("%s|%v|%v|%v|%v|%s", o.status, sorted(o.created), sorted(o.deleted), sorted(o.events), distinct(o.requeues), o.next)
}

func (o cronObserved) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d sync(s); status %s; next sync %s", o.syncs, o.status, o.next)
	for _, x := range []struct {
		what  string
		items []string
	}{{"created", o.created}, {"deleted", o.deleted}, {"events", o.events}, {"requeue after", o.requeues}} {
		if len(x.items) > 0 {
			fmt.Fprintf(&b, "; %s: %s", x.what, strings.Join(sorted(x.items), ", "))
		}
	}
	return b.String()
}

func distinct(in []string) []string {
	var out []string
	for _, s := range sorted(in) {
		if len(out) == 0 || out[len(out)-1] != s {
			out = append(out, s)
		}
	}
	return out
}

// cronStatusText is the CronJob status the comparison reads: the times (after start) and
// the active Jobs by name (their UIDs are each side's own).
func cronStatusText(s batchv1.CronJobStatus, start time.Time) string {
	at := func(t *metav1.Time) string {
		if t == nil {
			return "-"
		}
		return "+" + t.Time.Sub(start).String()
	}
	var active []string
	for _, r := range s.Active {
		active = append(active, r.Name)
	}
	sort.Strings(active)
	return fmt.Sprintf("{lastScheduleTime %s, lastSuccessfulTime %s, active [%s]}", at(s.LastScheduleTime), at(s.LastSuccessfulTime), strings.Join(active, " "))
}

// cronHarness is one scenario's run of the real CronJob controller.
type cronHarness struct {
	ctx      context.Context
	start    time.Time
	now      time.Time
	queue    *simQueue
	ctl      *cronjobcontroller.JobplayController
	jobs     cache.SharedIndexInformer
	cronJobs cache.SharedIndexInformer
	running  bool

	rv          int64
	uid         int
	apiJobs     map[string]*batchv1.Job
	apiCronJobs map[string]*batchv1.CronJob
	pending     []informerEvent

	// What upstream did at the current instant, per CronJob.
	obs map[string]*cronObserved
}

func (h *cronHarness) nextRV() string {
	h.rv++
	return fmt.Sprint(h.rv)
}

func (h *cronHarness) observe(name string) *cronObserved {
	o := h.obs[name]
	if o == nil {
		o = &cronObserved{}
		h.obs[name] = o
	}
	return o
}

// key is a CronJob's work queue key (namespace/name).
func (h *cronHarness) key(name string) string {
	if cj := h.apiCronJobs[name]; cj != nil {
		return cj.Namespace + "/" + name
	}
	return "default/" + name
}

// cronRecorder is record.EventRecorder filing each event under the CronJob it is about.
type cronRecorder struct{ h *cronHarness }

func (r cronRecorder) Event(object runtime.Object, eventtype, reason, message string) {
	name, _ := metaName(object)
	o := r.h.observe(name)
	o.events = append(o.events, fmt.Sprintf("%s %s: %s", eventtype, reason, message))
}

func (r cronRecorder) Eventf(object runtime.Object, eventtype, reason, messageFmt string, args ...interface{}) {
	r.Event(object, eventtype, reason, fmt.Sprintf(messageFmt, args...))
}

func (r cronRecorder) AnnotatedEventf(object runtime.Object, _ map[string]string, eventtype, reason, messageFmt string, args ...interface{}) {
	r.Eventf(object, eventtype, reason, messageFmt, args...)
}

// cronJobControl is JobplayJobControl and JobplayCronJobControl on the harness's API server.
type cronJobControl struct{ h *cronHarness }

func (c cronJobControl) GetJob(namespace, name string) (*batchv1.Job, error) {
	j := c.h.apiJobs[name]
	if j == nil {
		return nil, apierrors.NewNotFound(batchv1.Resource("jobs"), name)
	}
	return j.DeepCopy(), nil
}

// CreateJob is the API server's create: the name must be free; defaulting
// (SetObjectDefaults_Job), a UID, the creation time and a resource version.
func (c cronJobControl) CreateJob(namespace string, job *batchv1.Job) (*batchv1.Job, error) {
	h := c.h
	if h.apiJobs[job.Name] != nil {
		return nil, apierrors.NewAlreadyExists(batchv1.Resource("jobs"), job.Name)
	}
	j := job.DeepCopy()
	j.Namespace = namespace
	legacyscheme.Scheme.Default(j)
	h.uid++
	j.UID = types.UID(fmt.Sprintf("job-%d", h.uid))
	j.CreationTimestamp = metav1.NewTime(h.now)
	j.Generation = 1
	j.ResourceVersion = h.nextRV()
	h.apiJobs[j.Name] = j
	h.pending = append(h.pending, informerEvent{kind: added, cur: j})
	if ref := metav1.GetControllerOf(j); ref != nil {
		o := h.observe(ref.Name)
		o.created = append(o.created, j.Name)
	}
	return j.DeepCopy(), nil
}

// DeleteJob is a deletion with background propagation: the Job has no finalizer, so it
// leaves the API at once.
func (c cronJobControl) DeleteJob(namespace string, name string) error {
	h := c.h
	j := h.apiJobs[name]
	if j == nil {
		return apierrors.NewNotFound(batchv1.Resource("jobs"), name)
	}
	delete(h.apiJobs, name)
	h.pending = append(h.pending, informerEvent{kind: removed, cur: j})
	if ref := metav1.GetControllerOf(j); ref != nil {
		o := h.observe(ref.Name)
		o.deleted = append(o.deleted, name)
	}
	return nil
}

// UpdateStatus is the PUT of cronjobs/status with optimistic concurrency.
func (c cronJobControl) UpdateStatus(ctx context.Context, cj *batchv1.CronJob) (*batchv1.CronJob, error) {
	h := c.h
	old := h.apiCronJobs[cj.Name]
	if old == nil {
		return nil, apierrors.NewNotFound(batchv1.Resource("cronjobs"), cj.Name)
	}
	if cj.ResourceVersion != old.ResourceVersion {
		return nil, apierrors.NewConflict(batchv1.Resource("cronjobs"), cj.Name, fmt.Errorf("the object has been modified"))
	}
	stored := old.DeepCopy()
	stored.Status = *cj.Status.DeepCopy()
	stored.ResourceVersion = h.nextRV()
	h.apiCronJobs[cj.Name] = stored
	h.pending = append(h.pending, informerEvent{kind: updated, old: old, cur: stored})
	return stored.DeepCopy(), nil
}

func (c cronJobControl) GetCronJob(ctx context.Context, namespace, name string) (*batchv1.CronJob, error) {
	cj := c.h.apiCronJobs[name]
	if cj == nil {
		return nil, apierrors.NewNotFound(batchv1.Resource("cronjobs"), name)
	}
	return cj.DeepCopy(), nil
}

// startController builds the controller (NewControllerV2) with fresh informers, as a
// (re)started kube-controller-manager has, and lists what exists into them.
func (h *cronHarness) startController() error {
	// The per-item part of NewControllerV2's DefaultTypedControllerRateLimiter.
	h.queue = newSimQueue(func() time.Time { return h.now }, workqueue.NewTypedItemExponentialFailureRateLimiter[string](5*time.Millisecond, 1000*time.Second))
	h.jobs = cache.NewSharedIndexInformer(&cache.ListWatch{}, &batchv1.Job{}, 0, cache.Indexers{cache.NamespaceIndex: cache.MetaNamespaceIndexFunc})
	h.cronJobs = cache.NewSharedIndexInformer(&cache.ListWatch{}, &batchv1.CronJob{}, 0, cache.Indexers{cache.NamespaceIndex: cache.MetaNamespaceIndexFunc})
	control := cronJobControl{h}
	ctl, err := cronjobcontroller.NewJobplayController(h.ctx, fake.NewSimpleClientset(), jobInformer{h.jobs}, cronJobInformer{h.cronJobs}, cronjobcontroller.JobplayParts{
		Queue:    h.queue,
		Now:      func() time.Time { return h.now },
		Recorder: cronRecorder{h},
		Jobs:     control,
		CronJobs: control,
	})
	if err != nil {
		return err
	}
	h.ctl = ctl
	h.pending = nil
	for _, name := range sortedKeys(h.apiCronJobs) {
		h.pending = append(h.pending, informerEvent{kind: added, cur: h.apiCronJobs[name]})
	}
	for _, name := range sortedKeys(h.apiJobs) {
		h.pending = append(h.pending, informerEvent{kind: added, cur: h.apiJobs[name]})
	}
	h.deliver()
	return nil
}

// deliver hands the pending writes to the informers: the indexer first, then the handler.
// While the controller manager is down nothing is delivered; it lists everything when it
// comes back.
func (h *cronHarness) deliver() {
	if !h.running {
		h.pending = nil
		return
	}
	for len(h.pending) > 0 {
		e := h.pending[0]
		h.pending = h.pending[1:]
		switch cur := e.cur.(type) {
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
		case *batchv1.CronJob:
			switch e.kind {
			case added:
				_ = h.cronJobs.GetIndexer().Add(cur)
				h.ctl.AddCronJob(cur)
			case updated:
				_ = h.cronJobs.GetIndexer().Update(cur)
				h.ctl.UpdateCronJob(e.old.(*batchv1.CronJob), cur)
			case removed:
				_ = h.cronJobs.GetIndexer().Delete(cur)
				h.ctl.DeleteCronJob(cur)
			}
		}
	}
}

// runReady runs the worker while keys are ready and `more` says so (bounded: more than 1,000
// syncs at one instant is a harness fault, reported as an error).
func (h *cronHarness) runReady(more func() bool) error {
	if !h.running {
		return nil
	}
	for i := 0; h.queue.Len() > 0 && more(); i++ {
		if i > 1000 {
			return fmt.Errorf("the CronJob work queue never empties at %s", h.now)
		}
		key := h.queue.order[0]
		o := h.observe(key[strings.Index(key, "/")+1:])
		o.syncs++
		h.queue.requeues = &o.requeues
		h.ctl.ProcessNextWorkItem(h.ctx)
		h.queue.requeues = nil
		h.deliver()
	}
	return nil
}

// applyCronJob applies a CronJob entry: a creation (with jobplay's UID, which the Jobs'
// controller references carry), a spec change (the status stays the controller's) or a
// deletion.
func (h *cronHarness) applyCronJob(e traceEntry) error {
	cj := &batchv1.CronJob{}
	if err := json.Unmarshal(e.CronJob, cj); err != nil {
		return err
	}
	old := h.apiCronJobs[cj.Name]
	switch {
	case e.Deleted:
		if old != nil {
			delete(h.apiCronJobs, cj.Name)
			h.pending = append(h.pending, informerEvent{kind: removed, cur: old})
		}
	case old == nil:
		legacyscheme.Scheme.Default(cj)
		cj.Status = batchv1.CronJobStatus{}
		cj.ResourceVersion = h.nextRV()
		h.apiCronJobs[cj.Name] = cj
		h.pending = append(h.pending, informerEvent{kind: added, cur: cj})
	default:
		cur := old.DeepCopy()
		cur.Spec = cj.Spec
		legacyscheme.Scheme.Default(cur)
		cur.Generation = cj.Generation
		// A foreground deletion: the CronJob stays, being deleted, until its Jobs are gone.
		cur.DeletionTimestamp = cj.DeletionTimestamp
		cur.Finalizers = cj.Finalizers
		cur.ResourceVersion = h.nextRV()
		h.apiCronJobs[cj.Name] = cur
		h.pending = append(h.pending, informerEvent{kind: updated, old: old, cur: cur})
	}
	h.deliver()
	return nil
}

// applyJob applies a Job entry that jobplay's CronJob controller did not make: a Job created
// by hand or standing alone, a spec change, a deletion (the TTL controller, the garbage
// collector after the CronJob's deletion, a scripted deleteJob).
func (h *cronHarness) applyJob(e traceEntry) error {
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
		// A foreground deletion (the CronJob's own, or the TTL controller's): the Job stays,
		// being deleted, until its pods are gone.
		cur.DeletionTimestamp = j.DeletionTimestamp
		cur.Finalizers = j.Finalizers
		cur.ResourceVersion = h.nextRV()
		h.apiJobs[j.Name] = cur
		h.pending = append(h.pending, informerEvent{kind: updated, old: old, cur: cur})
	}
	h.deliver()
	return nil
}

// applyJobStatus applies the status one of jobplay's Job syncs left, as the Job controller's
// status update does (a new resource version, an informer update) when it changed.
func (h *cronHarness) applyJobStatus(e traceEntry) error {
	old := h.apiJobs[e.JobName]
	if old == nil {
		return nil
	}
	var s batchv1.JobStatus
	if err := json.Unmarshal(e.Status, &s); err != nil {
		return err
	}
	if jsonEqual(old.Status, s) {
		return nil
	}
	cur := old.DeepCopy()
	cur.Status = s
	cur.ResourceVersion = h.nextRV()
	h.apiJobs[e.JobName] = cur
	h.pending = append(h.pending, informerEvent{kind: updated, old: old, cur: cur})
	h.deliver()
	return nil
}

// hasCronJobs says whether a trace has a CronJob for this harness to replay.
func hasCronJobs(rec traceRecord) bool {
	for _, e := range rec.Trace {
		if e.Entry == "cronJob" {
			return true
		}
	}
	return false
}

// jpQueue follows jobplay's CronJob requeues as client-go's delaying queue keeps them: the
// earliest time per key, gone once it is due.
type jpQueue map[string]time.Time

func (q jpQueue) addAfter(key string, now time.Time, d time.Duration) {
	if d <= 0 {
		return
	}
	at := now.Add(d)
	if t, ok := q[key]; !ok || at.Before(t) {
		q[key] = at
	}
}

func (q jpQueue) promote(now time.Time) {
	for k, t := range q {
		if !t.After(now) {
			delete(q, k)
		}
	}
}

func nextText(t time.Time, ok bool, start time.Time) string {
	if !ok {
		return "never"
	}
	return "+" + t.Sub(start).String()
}

// runCronJobControllers replays rec's trace under Kubernetes' CronJob controller and compares
// each instant's syncs.
func runCronJobControllers(rec traceRecord) (controllerRun, error) {
	// A schedule without spec.timeZone is read in the controller manager's local zone
	// (robfig/cron's ParseStandard takes time.Local), which is the Scenario's.
	for _, e := range rec.Trace {
		if e.Entry == "localZone" {
			zone, err := time.LoadLocation(e.TimeZone)
			if err != nil {
				return controllerRun{}, err
			}
			local := time.Local
			time.Local = zone
			defer func() { time.Local = local }()
		}
	}
	h := &cronHarness{
		ctx: klog.NewContext(context.Background(), klog.Background().V(10)), start: rec.Start, now: rec.Start,
		running: true, apiJobs: map[string]*batchv1.Job{}, apiCronJobs: map[string]*batchv1.CronJob{},
	}
	if err := h.startController(); err != nil {
		return controllerRun{}, err
	}
	var run controllerRun
	jpStatus := map[string]string{}
	jpWaiting := jpQueue{}
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
		// The controller manager's clock reads local time, and so do the times it decodes
		// (metav1.Time's UnmarshalJSON): robfig/cron's Next reads a schedule without a zone
		// in the location of the time it is given.
		h.now = t.In(time.Local)
		h.obs = map[string]*cronObserved{}
		if h.running {
			h.queue.promote(t)
		}
		jpWaiting.promote(t)
		jp := map[string]*cronObserved{}
		for ; i < len(rec.Trace) && rec.Trace[i].Time.Equal(t); i++ {
			e := rec.Trace[i]
			var err error
			switch e.Entry {
			case "cronJob":
				err = h.applyCronJob(e)
				var cj batchv1.CronJob
				_ = json.Unmarshal(e.CronJob, &cj)
				if e.Deleted {
					deleted[cj.Name] = true
				}
				// jobplay's update handler asked for a sync at the new schedule's next time.
				if e.RequeueAfter != nil {
					if d, err := time.ParseDuration(*e.RequeueAfter); err == nil {
						jpWaiting.addAfter(h.key(cj.Name), t, d)
					}
				}
			case "job":
				// A Job jobplay's CronJob controller created or deleted is upstream's to
				// create or delete.
				if !e.InSync {
					err = h.applyJob(e)
				}
			case "sync":
				err = h.applyJobStatus(e)
			case "cronSync":
				o := jp[e.CronJobName]
				if o == nil {
					o = &cronObserved{}
					jp[e.CronJobName] = o
				}
				o.syncs++
				// Upstream syncs as far as jobplay has, and no further yet: the Job
				// controller is played from the trace, so its writes at this instant (a new
				// Job's startTime, say) must fall between the CronJob syncs where jobplay's
				// fell, one of the orders two controllers running side by side can take.
				if err = h.runReady(func() bool { return h.observe(e.CronJobName).syncs < o.syncs }); err != nil {
					return run, err
				}
				var s batchv1.CronJobStatus
				if err := json.Unmarshal(e.Status, &s); err != nil {
					return run, err
				}
				jpStatus[e.CronJobName] = cronStatusText(s, rec.Start)
				o.created = append(o.created, e.JobsCreated...)
				o.deleted = append(o.deleted, e.JobsDeleted...)
				for _, ev := range e.Events {
					o.events = append(o.events, fmt.Sprintf("%s %s: %s", ev.Type, ev.Reason, ev.Message))
				}
				if e.RequeueAfter != nil {
					o.requeues = append(o.requeues, *e.RequeueAfter)
					if d, err := time.ParseDuration(*e.RequeueAfter); err == nil {
						jpWaiting.addAfter(h.key(e.CronJobName), t, d)
					}
				}
			case "controllers":
				h.running = e.Running
				if e.Running {
					// A restarted controller manager starts with an empty queue.
					for k := range jpWaiting {
						delete(jpWaiting, k)
					}
					err = h.startController()
				}
			}
			if err != nil {
				return run, err
			}
		}
		if err := h.runReady(func() bool { return true }); err != nil {
			return run, err
		}
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
			if cj := h.apiCronJobs[n]; cj != nil {
				up.status = cronStatusText(cj.Status, rec.Start)
			}
			wake, has := h.queue.waiting[h.key(n)]
			up.next = nextText(wake, has, rec.Start)
			mine := jp[n]
			if mine == nil {
				mine = &cronObserved{}
			}
			mine.status = jpStatus[n]
			wake, has = jpWaiting[h.key(n)]
			mine.next = nextText(wake, has, rec.Start)
			run.syncs += up.syncs
			at := fmt.Sprintf("+%s", t.Sub(rec.Start))
			if up.comparable() != mine.comparable() {
				run.differs = fmt.Sprintf("--- first difference at %s (%s), CronJob %q\n  kubernetes: %s\n  jobplay:    %s\n",
					at, t.UTC().Format(time.RFC3339Nano), n, up, mine)
				return run, nil
			}
			run.steps = append(run.steps, fmt.Sprintf("%-8s CronJob %s: kubernetes %s\n%-8s %*s jobplay    %s", at, n, up, "", len(n)+9, "", mine))
		}
	}
	return run, nil
}
