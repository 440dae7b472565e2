// This file is not part of Kubernetes. The rest of this package is Kubernetes' own
// pkg/controller/cronjob, every non-test file of it read from the module cache through
// `go build -overlay` (overlay.sh writes the overlay, as for internal/job), so that the
// harness can drive the real CronJob controller as the package's own tests do
// (cronjob_controllerv2_test.go: a ControllerV2 with its now, jobControl and cronJobControl
// replaced): those fields, the informer handlers and processNextWorkItem are unexported.
// Nothing here changes what the controller does; it only replaces the parts a test replaces
// (the work queue, the clock, the Job and CronJob clients, the recorder).

package cronjob

import (
	"context"
	"time"

	batchv1 "k8s.io/api/batch/v1"
	batchv1informers "k8s.io/client-go/informers/batch/v1"
	clientset "k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/record"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/klog/v2"
)

// JobplayJobControl is jobControlInterface (injection.go): the Jobs the controller gets,
// creates and deletes.
type JobplayJobControl interface {
	GetJob(namespace, name string) (*batchv1.Job, error)
	CreateJob(namespace string, job *batchv1.Job) (*batchv1.Job, error)
	DeleteJob(namespace string, name string) error
}

// JobplayCronJobControl is cjControlInterface (injection.go): the CronJob status writes.
type JobplayCronJobControl interface {
	UpdateStatus(ctx context.Context, cj *batchv1.CronJob) (*batchv1.CronJob, error)
	GetCronJob(ctx context.Context, namespace, name string) (*batchv1.CronJob, error)
}

// JobplayParts are the parts the harness swaps in, as upstream's tests swap them.
type JobplayParts struct {
	Queue    workqueue.TypedRateLimitingInterface[string]
	Now      func() time.Time
	Recorder record.EventRecorder
	Jobs     JobplayJobControl
	CronJobs JobplayCronJobControl
}

// JobplayController is the CronJob controller as tools/conformance drives it.
type JobplayController struct {
	jm     *ControllerV2
	logger klog.Logger
}

// NewJobplayController builds the controller with NewControllerV2 on Job and CronJob
// informers that are never started: the harness fills their indexers and calls the handlers.
func NewJobplayController(ctx context.Context, client clientset.Interface, jobs batchv1informers.JobInformer, cronJobs batchv1informers.CronJobInformer, parts JobplayParts) (*JobplayController, error) {
	jm, err := NewControllerV2(ctx, jobs, cronJobs, client)
	if err != nil {
		return nil, err
	}
	// The queue NewControllerV2 made runs goroutines of its own; it is never used.
	jm.queue.ShutDown()
	jm.queue = parts.Queue
	jm.now = parts.Now
	jm.recorder = parts.Recorder
	jm.jobControl = parts.Jobs
	jm.cronJobControl = parts.CronJobs
	jm.jobListerSynced = func() bool { return true }
	jm.cronJobListerSynced = func() bool { return true }
	return &JobplayController{jm: jm, logger: klog.FromContext(ctx)}, nil
}

// ProcessNextWorkItem is the worker's loop body: Get, sync, AddAfter, Forget or
// AddRateLimited, Done.
func (c *JobplayController) ProcessNextWorkItem(ctx context.Context) bool {
	return c.jm.processNextWorkItem(ctx)
}

// The informer handlers, as NewControllerV2 registers them.
func (c *JobplayController) AddJob(job *batchv1.Job)         { c.jm.addJob(job) }
func (c *JobplayController) UpdateJob(old, cur *batchv1.Job) { c.jm.updateJob(old, cur) }
func (c *JobplayController) DeleteJob(job *batchv1.Job)      { c.jm.deleteJob(job) }
func (c *JobplayController) AddCronJob(cj *batchv1.CronJob)  { c.jm.enqueueController(cj) }
func (c *JobplayController) UpdateCronJob(old, cur *batchv1.CronJob) {
	c.jm.updateCronJob(c.logger, old, cur)
}
func (c *JobplayController) DeleteCronJob(cj *batchv1.CronJob) { c.jm.enqueueController(cj) }
