// This file is not part of Kubernetes. The rest of this package is Kubernetes' own
// pkg/controller/job, every non-test file of it read from the module cache through
// `go build -overlay` (scripts/conformance writes the overlay; Go refuses to overlay files
// inside the module cache, so the package is assembled here instead), so that the harness
// can drive the real Job controller as the package's own tests do
// (job_controller_test.go: newControllerFromClientWithClock, then syncJob): it needs the
// unexported constructor with an injected clock, the informer handlers and
// processNextWorkItem. Nothing here changes what the controller does; it only replaces the
// parts a test replaces (the work queue, the pod control, the status writer, the recorder).

package job

import (
	"context"

	batch "k8s.io/api/batch/v1"
	v1 "k8s.io/api/core/v1"
	batchinformers "k8s.io/client-go/informers/batch/v1"
	coreinformers "k8s.io/client-go/informers/core/v1"
	clientset "k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/record"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/klog/v2"
	"k8s.io/kubernetes/pkg/controller"
	"k8s.io/utils/clock"
)

// JobplayController is the Job controller as tools/conformance drives it.
type JobplayController struct {
	jm     *Controller
	logger klog.Logger
}

// JobplayParts are the parts the harness swaps in, as upstream's tests swap them.
type JobplayParts struct {
	Queue        workqueue.TypedRateLimitingInterface[string]
	PodControl   controller.PodControlInterface
	UpdateStatus func(ctx context.Context, job *batch.Job) (*batch.Job, error)
	Recorder     record.EventRecorder
	// PodIndexer wraps the pod informer's indexer as the controller reads it
	// (getPodsForJob's FilterPodsByOwner).
	PodIndexer func(cache.Indexer) cache.Indexer
}

// NewJobplayController builds the controller with newControllerWithClock on pod and Job
// informers that are never started: the harness fills their indexers and calls the handlers.
// The Workload and PodGroup informers are only read with the WorkloadWithJob gate (alpha,
// off in v1.37).
func NewJobplayController(ctx context.Context, client clientset.Interface, clk clock.WithTicker, pods coreinformers.PodInformer, jobs batchinformers.JobInformer, parts JobplayParts) (*JobplayController, error) {
	jm, err := newControllerWithClock(ctx, client, clk, pods, jobs, nil, nil)
	if err != nil {
		return nil, err
	}
	jm.podStoreSynced = func() bool { return true }
	jm.jobStoreSynced = func() bool { return true }
	jm.queue = parts.Queue
	jm.podControl = parts.PodControl
	jm.updateStatusHandler = parts.UpdateStatus
	jm.recorder = parts.Recorder
	if parts.PodIndexer != nil {
		jm.podIndexer = parts.PodIndexer(jm.podIndexer)
	}
	return &JobplayController{jm: jm, logger: klog.FromContext(ctx)}, nil
}

// ProcessNextWorkItem is the worker's loop body: Get, syncJob, Forget or AddRateLimited, Done.
func (c *JobplayController) ProcessNextWorkItem(ctx context.Context) bool {
	return c.jm.processNextWorkItem(ctx)
}

// The informer handlers, as newControllerWithClock registers them.
func (c *JobplayController) AddPod(pod *v1.Pod)         { c.jm.addPod(c.logger, pod) }
func (c *JobplayController) UpdatePod(old, cur *v1.Pod) { c.jm.updatePod(c.logger, old, cur) }
func (c *JobplayController) DeletePod(pod *v1.Pod)      { c.jm.deletePod(c.logger, pod, true) }
func (c *JobplayController) AddJob(job *batch.Job)      { c.jm.addJob(c.logger, job) }
func (c *JobplayController) UpdateJob(old, cur *batch.Job) {
	c.jm.updateJob(c.logger, old, cur)
}
func (c *JobplayController) DeleteJob(job *batch.Job) { c.jm.deleteJob(c.logger, job) }
